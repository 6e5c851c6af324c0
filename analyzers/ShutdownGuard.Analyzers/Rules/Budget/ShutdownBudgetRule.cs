using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Budget;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Budget;

/// <summary>
/// The shutdown budget: SG1003 (ShutdownTimeout does not fit the grace period), SG1008 (the in-app delay takes the
/// whole ShutdownTimeout) and SG2006 (the preStop delay takes the whole grace period).
/// </summary>
internal sealed class ShutdownBudgetRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.ShutdownBudget, Descriptors.InAppDelayTakesShutdownTimeout, Descriptors.PreStopTakesGracePeriod);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        foreach (var item in facts.Budgets.Budgets)
        {
            if (item.Budget.Exceeds)
            {
                report(CreateExceeds(facts, item.Budget, item.Timeout));
            }
        }

        ReportInAppDelays(facts, report);
        ReportPreStops(facts, report);
    }

    private static Diagnostic CreateExceeds(ProgramFacts facts, ShutdownBudget budget, EffectiveShutdownTimeout timeout)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (facts.Budgets.FittingShutdownTimeout is { } fitting)
        {
            properties[ShutdownBudgetProperties.FittingShutdownTimeout] = fitting.ToString(CultureInfo.InvariantCulture);
        }

        // A value the code reads from configuration is changed where it is configured: the C# fix does not apply.
        if (timeout.Setting is { Configured: null } setting)
        {
            properties[ShutdownBudgetProperties.TimeoutForm] = setting.Kind.ToString();
        }
        else if (timeout.IsSetNowhere)
        {
            properties[ShutdownBudgetProperties.TimeoutForm] = ShutdownBudgetProperties.DefaultForm;
        }

        var additional = new List<Location>();
        if (budget.Match is { } match)
        {
            AddGracePeriodFix(properties, budget, match);
            var file = match.Workload.File;
            var grace = match.Workload.Workload.Pod.TerminationGracePeriodSeconds;
            additional.Add(file.GetLocation(grace?.Span ?? match.Workload.Workload.KindSpan));
        }

        additional.AddRange(timeout.OtherLocations);
        var location = timeout.Setting?.Location ?? facts.HostLocation;
        return Diagnostic.Create(
            Descriptors.ShutdownBudget,
            location,
            additional,
            properties.ToImmutable(),
            budget.DescribeNeeded(),
            budget.DescribeGracePeriod());
    }

    /// <summary>What the manifest fix needs: the manifest, and the edit that rewrites the grace value or inserts the key
    /// first in the pod spec. No edit when the value or the pod spec lies in text an alias shares: changing it would
    /// change the other users of the anchor.</summary>
    private static void AddGracePeriodFix(ImmutableDictionary<string, string?>.Builder properties, ShutdownBudget budget, ContainerMatch match)
    {
        var file = match.Workload.File;
        properties[ShutdownBudgetProperties.FittingGracePeriod] = budget.FittingGracePeriod.ToString(CultureInfo.InvariantCulture);
        if (YamlEdit.SetGracePeriod(file.Text, match.Workload.Workload.Pod, budget.FittingGracePeriod) is { } change && file.MapEdits(new[] { change }) is { } edit)
        {
            properties[ShutdownBudgetProperties.ManifestPath] = edit.Path;
            TextEditProperties.Add(properties, edit.Changes[0]);
        }
    }

    private static void ReportInAppDelays(ProgramFacts facts, Action<Diagnostic> report)
    {
        if (facts.Budgets.ShortestTimeout is not { } shortest)
        {
            return;
        }

        foreach (var delay in facts.App.InAppDelays)
        {
            if (delay.Seconds >= shortest.Seconds)
            {
                report(Diagnostic.Create(
                    Descriptors.InAppDelayTakesShutdownTimeout,
                    delay.Location,
                    BudgetTerm.FormatSeconds(delay.Seconds.Value),
                    BudgetTerm.FormatSeconds(shortest.Seconds!.Value),
                    shortest.Source));
            }
        }
    }

    private static void ReportPreStops(ProgramFacts facts, Action<Diagnostic> report)
    {
        foreach (var match in facts.Matches(DiagnosticIds.PreStopTakesGracePeriod))
        {
            var workload = match.Workload.Workload;
            var grace = workload.Pod.TerminationGracePeriodSeconds is { } value ? value.AsInt() : ShutdownBudget.KubernetesDefaultGracePeriod;
            if (match.Container.PreStop is { DelaySeconds: { } delay } hook && grace is { } seconds && delay >= seconds)
            {
                var file = match.Workload.File;
                report(Diagnostic.Create(
                    Descriptors.PreStopTakesGracePeriod,
                    file.GetLocation(hook.DelayValue?.Span ?? hook.KeySpan),
                    BudgetTerm.FormatSeconds(delay),
                    BudgetTerm.FormatSeconds(seconds),
                    workload.DisplayName));
            }
        }
    }
}
