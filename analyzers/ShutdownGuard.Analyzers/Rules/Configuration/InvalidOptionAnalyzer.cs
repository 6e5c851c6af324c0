using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Hosting;
using ShutdownGuard.Options;

namespace ShutdownGuard.Rules.Configuration;

/// <summary>SG0001: an option value that cannot be used; the default applies.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidOptionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidOption);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(ReportProblems);
    }

    private static void ReportProblems(CompilationAnalysisContext context)
    {
        // Options are read in every project of a solution; only those with a host use them.
        if (!WellKnownTypes.ReferencesHosting(context.Compilation))
        {
            return;
        }

        var options = ShutdownGuardOptions.Read(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
        foreach (var problem in options.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidOption, Location.None, problem.Name, problem.Value, problem.Reason, problem.Fallback));
        }
    }
}
