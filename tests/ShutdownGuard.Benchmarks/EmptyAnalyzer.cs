using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// The baseline: an analyzer that does nothing, so the measured work is the compiler's alone. With an operation
/// action that does nothing, it measures what Roslyn spends building operation trees for any such analyzer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyAnalyzer(bool withOperationAction) : DiagnosticAnalyzer
{
    // An analyzer without an enabled diagnostic is skipped by the driver altogether: this one has one, never reported.
    private static readonly DiagnosticDescriptor Never = new("EMPTY0001", "Never reported", "Never reported", "Baseline", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        if (withOperationAction)
        {
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        }
    }
}
