using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2008: a matched Deployment whose rollout stops ready pods before their replacements are ready — a rolling update
/// whose <c>maxUnavailable</c> resolves to at least one pod, or the Recreate strategy. Deployments only: a StatefulSet
/// cannot surge (each pod has its own identity), and a DaemonSet's pods serve their own node.
/// </summary>
internal sealed class RolloutTakesReadyPodsRule : IProgramRule
{
    /// <summary>Kubernetes' default for both <c>maxUnavailable</c> and <c>maxSurge</c>.</summary>
    private const int DefaultPercent = 25;

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.RollingUpdateTakesReadyPods, Descriptors.RecreateTakesAllPods);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        var seen = new HashSet<Workload>();
        foreach (var match in facts.Matches(DiagnosticIds.RolloutTakesReadyPods))
        {
            var workload = match.Workload.Workload;
            if (workload.Kind == "Deployment" && seen.Add(workload)
                && Check(match.Workload) is { } diagnostic)
            {
                report(diagnostic);
            }
        }
    }

    private static Diagnostic? Check(WorkloadEntry entry)
    {
        var workload = entry.Workload;
        var strategy = workload.Strategy;
        if (strategy is { IsKnown: false })
        {
            return null;
        }

        var type = strategy?.Type;
        var replicas = workload.Replicas?.AsInt();
        if (type is { Text: "Recreate", IsTemplate: false })
        {
            return replicas == 0
                ? null
                : Diagnostic.Create(Descriptors.RecreateTakesAllPods, entry.File.GetLocation(type.Span), workload.DisplayName);
        }

        if (type is not null && type.Text != "RollingUpdate")
        {
            return null;
        }

        var maxUnavailable = strategy?.MaxUnavailable;
        if (Unavailable(maxUnavailable, replicas) is not { } pods || pods < 1)
        {
            return null;
        }

        var location = maxUnavailable?.Span ?? strategy?.Key.KeySpan ?? workload.KindSpan;
        return Diagnostic.Create(
            Descriptors.RollingUpdateTakesReadyPods,
            entry.File.GetLocation(location),
            TextEditProperties.Create(entry.File.MapEdit(Fix(entry.File.Text, workload))),
            workload.DisplayName,
            pods == 1 ? "1 ready pod" : pods.ToString(CultureInfo.InvariantCulture) + " ready pods",
            Describe(maxUnavailable, replicas));
    }

    /// <summary>How many pods <c>maxUnavailable</c> lets the rollout stop at once; null when unknown. A percentage is of
    /// <c>replicas</c>, rounded down: unknown without <c>replicas</c> (an autoscaler owns the count) or when it is a
    /// template. An absolute number needs no count.</summary>
    private static int? Unavailable(ManifestScalar? maxUnavailable, int? replicas)
    {
        if (maxUnavailable is null)
        {
            return OfReplicas(DefaultPercent, replicas);
        }

        if (maxUnavailable.AsInt() is { } absolute)
        {
            return replicas is { } count ? Math.Min(absolute, count) : absolute;
        }

        return Percent(maxUnavailable) is { } percent ? OfReplicas(percent, replicas) : null;
    }

    /// <summary>A percentage of replicas, rounded down, without overflowing for any count.</summary>
    private static int? OfReplicas(int percent, int? replicas) => replicas is { } count ? (int)((long)count * percent / 100) : null;

    /// <summary><c>25%</c>, quoted or not; null for anything else.</summary>
    private static int? Percent(ManifestScalar value) =>
        !value.IsTemplate && value.Text.EndsWith("%", StringComparison.Ordinal)
        && int.TryParse(value.Text.Substring(0, value.Text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
        && percent <= 100
            ? percent
            : null;

    private static string Describe(ManifestScalar? maxUnavailable, int? replicas)
    {
        var setting = maxUnavailable is null ? $"maxUnavailable {DefaultPercent}% by default" : "maxUnavailable " + maxUnavailable.Text;
        return replicas is { } count ? $"{setting}, {count} {(count == 1 ? "replica" : "replicas")}" : setting;
    }

    /// <summary>
    /// The edit that sets <c>maxUnavailable: 0</c> — rewriting the value, or inserting the key (with <c>rollingUpdate:</c>
    /// and <c>strategy:</c> as needed) in the file's own indentation and line breaks — and raises a <c>maxSurge</c> of 0
    /// to 1, since Kubernetes rejects both at 0. Null when the layout or <c>maxSurge</c> is not known well enough, or a
    /// value lies in text an alias shares.
    /// </summary>
    internal static TextChange? Fix(SourceText text, Workload workload)
    {
        var strategy = workload.Strategy;
        var maxSurge = strategy?.MaxSurge;
        if ((maxSurge is not null && SurgeIsZero(maxSurge) is null) || strategy?.MaxUnavailable?.IsShared == true || maxSurge?.IsShared == true)
        {
            return null;
        }

        var changes = new List<TextChange>();
        if (strategy?.MaxUnavailable is { } maxUnavailable)
        {
            changes.Add(new TextChange(maxUnavailable.Span, "0"));
        }
        else if (Insertion(text, workload) is { } insertion)
        {
            changes.Add(insertion);
        }
        else
        {
            return null;
        }

        if (maxSurge is not null && SurgeIsZero(maxSurge) == true)
        {
            changes.Add(new TextChange(maxSurge.Span, "1"));
        }

        return Combine(text, changes);
    }

    /// <summary>Whether <c>maxSurge</c> surges no pod at all (<c>0</c>, <c>0%</c>); null when it is unknown. A positive
    /// percentage rounds up, so it surges at least one pod.</summary>
    private static bool? SurgeIsZero(ManifestScalar maxSurge) =>
        maxSurge.AsInt() is { } absolute ? absolute == 0 : Percent(maxSurge) is { } percent ? percent == 0 : null;

    /// <summary>Inserts <c>maxUnavailable: 0</c> under the nearest key that exists: <c>rollingUpdate</c>,
    /// <c>strategy</c>, or the Deployment's <c>spec</c>.</summary>
    private static TextChange? Insertion(SourceText text, Workload workload)
    {
        var strategy = workload.Strategy;
        var (parent, snippet) = strategy?.RollingUpdate is { } rollingUpdate
            ? (rollingUpdate, "maxUnavailable: 0")
            : strategy is not null
                ? (strategy.Key, "rollingUpdate:\n  maxUnavailable: 0")
                : (workload.Spec, "strategy:\n  rollingUpdate:\n    maxUnavailable: 0");
        return parent is not null && YamlEdit.StepBelow(text, parent.KeySpan, parent.ChildIndent) is { } step
            ? YamlEdit.PrependToMapping(text, parent.KeySpan, parent.ChildIndent, step, snippet)
            : null;
    }

    /// <summary>One edit for several: the text between them is kept as it is.</summary>
    private static TextChange Combine(SourceText text, List<TextChange> changes)
    {
        changes.Sort((first, second) => first.Span.Start.CompareTo(second.Span.Start));
        var start = changes[0].Span.Start;
        var replacement = new System.Text.StringBuilder();
        var position = start;
        foreach (var change in changes)
        {
            replacement.Append(text.ToString(TextSpan.FromBounds(position, change.Span.Start))).Append(change.NewText);
            position = change.Span.End;
        }

        return new TextChange(TextSpan.FromBounds(start, position), replacement.ToString());
    }
}
