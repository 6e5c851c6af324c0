using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2001 (a manifest that cannot be read) and SG2009 (an unrendered template). Reported per file, so the
/// editor shows them as soon as the file changes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ManifestReadabilityAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnreadableManifest, Descriptors.UnrenderedTemplate);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WellKnownTypes.ReferencesHosting(start.Compilation))
            {
                start.RegisterAdditionalFileAction(file => ReportProblem(file, ManifestSet.FileKind.Read(file.AdditionalFile, projectDirectory: null, AdditionalFileKind<ManifestFile>.CachedIn(start), file.CancellationToken)));
            }
        });
    }

    private static void ReportProblem(AdditionalFileAnalysisContext context, AdditionalFileEntry<ManifestFile>? entry)
    {
        if (entry?.Model.Problem is not { } problem)
        {
            return;
        }

        var location = entry.GetLocation(problem.Span);
        var diagnostic = problem.Kind == ManifestProblemKind.Template
            ? Diagnostic.Create(Descriptors.UnrenderedTemplate, location)
            : Diagnostic.Create(Descriptors.UnreadableManifest, location, problem.Message);
        context.ReportDiagnostic(diagnostic);
    }
}
