using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2004: nothing keeps a serving container listening after SIGTERM — no preStop delay, no in-app delay. The fix
/// inserts a preStop sleep that fits the workload's budget, raising the grace period where it has no room.
/// </summary>
internal sealed class ShutdownDelayRule : IProgramRule
{
    /// <summary>Long enough for kube-proxy and most load balancers to drop the endpoint.</summary>
    private const int DefaultDelaySeconds = 5;

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ShutdownDelay);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        if (HasAppDelay(facts.App))
        {
            return;
        }

        foreach (var match in ServingContainers.Find(facts, DiagnosticIds.ShutdownDelay))
        {
            // A hook whose delay is unknown (an HTTP call, a script, a template) may well delay: only a known 0 does not.
            var hook = match.Container.PreStop;
            if (hook is null || hook.DelaySeconds == 0)
            {
                report(Diagnostic.Create(
                    Descriptors.ShutdownDelay,
                    ServingContainers.NameLocation(match),
                    hook is null ? Fix(facts, match) : TextEditProperties.Create(null),
                    match.Container.Name?.Text ?? "?",
                    match.Workload.Workload.DisplayName));
            }
        }
    }

    /// <summary>A delay before the server stops, inside or outside ShutdownTimeout; one of unknown length counts.</summary>
    private static bool HasAppDelay(AppModel app) =>
        app.InAppDelays.Concat(app.OutsideDelays).Any(delay => delay.Seconds is null or > 0);

    /// <summary>The preStop sleep, no longer than the budget leaves (<c>G - Dout - S - M</c>) or the default when the
    /// budget is unknown. Where the budget leaves less than a second, the default sleep and the grace period it needs, in
    /// one fix: the sleep alone would exceed the budget (SG1003).</summary>
    private static ImmutableDictionary<string, string?> Fix(ProgramFacts facts, ContainerMatch match)
    {
        var budget = facts.Budgets.Budgets.FirstOrDefault(item => item.Budget.Match?.Workload == match.Workload)?.Budget;
        var room = budget is null ? DefaultDelaySeconds : Math.Floor(budget.GracePeriod.Seconds - budget.Needed);
        var seconds = room >= 1 ? (int)Math.Min(room, DefaultDelaySeconds) : DefaultDelaySeconds;
        if (InsertPreStop(facts, match, seconds) is not { } insert)
        {
            return TextEditProperties.Create(null);
        }

        if (room >= 1)
        {
            return TextEditProperties.Create(match.Workload.File.MapEdit(insert));
        }

        var grace = budget!.FittingGracePeriod + seconds;
        return YamlEdit.SetGracePeriod(match.Workload.File.Text, match.Workload.Workload.Pod, grace) is { } raise
            && match.Workload.File.MapEdits(new[] { raise, insert }.OrderBy(change => change.Span.Start).ToList()) is { } edit
            ? TextEditProperties.Create(edit.Changes, $"Insert a preStop sleep of {seconds} s and raise terminationGracePeriodSeconds to {grace}")
            : TextEditProperties.Create(null);
    }

    private static TextChange? InsertPreStop(ProgramFacts facts, ContainerMatch match, int seconds)
    {
        var options = facts.Project.Options;
        if (!options.SleepActionAvailable && facts.Images.Any(image => image.HasShell == false))
        {
            return null;
        }

        var value = seconds.ToString(CultureInfo.InvariantCulture);
        var hook = options.SleepActionAvailable
            ? "preStop:\n  sleep:\n    seconds: " + value
            : "preStop:\n  exec:\n    command: [\"sleep\", \"" + value + "\"]";
        var container = match.Container;
        var text = match.Workload.File.Text;
        var step = YamlEdit.IndentStep(text, match.Workload.Workload.Pod);
        if (container.Lifecycle is { } lifecycle)
        {
            return lifecycle.ChildIndent >= 0 && !lifecycle.HasPreStopKey
                ? YamlEdit.AppendToMapping(text, lifecycle.Span, lifecycle.ChildIndent, step, hook)
                : null;
        }

        return container.ChildIndent >= 0
            ? YamlEdit.AppendToMapping(text, container.Span, container.ChildIndent, step, "lifecycle:\n  " + hook.Replace("\n", "\n  "))
            : null;
    }
}
