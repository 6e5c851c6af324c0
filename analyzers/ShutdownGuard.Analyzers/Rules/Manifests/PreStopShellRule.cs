using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2007: a preStop exec hook runs a shell or <c>sleep</c> in an image known to have neither. The fix turns a hook
/// that only sleeps into the <c>sleep</c> lifecycle action with the same seconds.
/// </summary>
internal sealed class PreStopShellRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PreStopShell);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        if (facts.Images.FirstOrDefault(image => image.HasShell == false) is not { } shellLess)
        {
            return;
        }

        foreach (var match in facts.Matches(DiagnosticIds.PreStopShell))
        {
            if (match.Container.PreStop is not { UsesShell: true, Command.Length: > 0 } hook)
            {
                continue;
            }

            var program = hook.Command[0];
            report(Diagnostic.Create(
                Descriptors.PreStopShell,
                match.Workload.File.GetLocation(program.Span),
                TextEditProperties.Create(match.Workload.File.MapEdit(UseSleepAction(facts, match, hook))),
                match.Container.Name?.Text ?? "?",
                program.Text,
                shellLess.Image));
        }
    }

    /// <summary>The exec entry rewritten as the sleep action; null when the hook does more than sleep a known time, or
    /// the cluster is older than the sleep action.</summary>
    private static TextChange? UseSleepAction(ProgramFacts facts, ContainerMatch match, PreStopHook hook)
    {
        if (!facts.Project.Options.SleepActionAvailable || !hook.SleepsOnly || hook.DelaySeconds is not > 0 || hook.ExecSpan is not { } exec)
        {
            return null;
        }

        var seconds = hook.DelaySeconds.Value.ToString(CultureInfo.InvariantCulture);
        var text = match.Workload.File.Text;
        return YamlEdit.ReplaceEntry(text, exec, YamlEdit.IndentStep(text, match.Workload.Workload.Pod), "sleep:\n  seconds: " + seconds, "sleep: {seconds: " + seconds + "}");
    }
}
