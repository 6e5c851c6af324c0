using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// SG1007: a loop of <c>BackgroundService.ExecuteAsync</c> that never ends on stopping, because the method never
/// observes its stopping token. Reported at the loop; SG1001 stays silent then (the worker does stop, too late).
/// </summary>
internal sealed class IgnoredStoppingTokenRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IgnoredStoppingToken);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        foreach (var loop in facts.App.IgnoredStoppingTokens)
        {
            report(Diagnostic.Create(Descriptors.IgnoredStoppingToken, loop.Location, loop.ServiceName));
        }
    }
}
