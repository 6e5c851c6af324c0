using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Container;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Rules.Container;

/// <summary>
/// SG3001: the Dockerfile's final image starts the app through a shell. Reported per file, so the editor shows it as
/// soon as the Dockerfile changes; the exec-form rewrite travels in the diagnostic's properties.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShellStartAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ShellStart);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WellKnownTypes.ReferencesHosting(start.Compilation))
            {
                start.RegisterAdditionalFileAction(file => Report(file, DockerfileFiles.FileKind.Read(file.AdditionalFile, projectDirectory: null, TextModels.CachedIn(start), file.CancellationToken)));
            }
        });
    }

    private static void Report(AdditionalFileAnalysisContext context, AdditionalFileEntry<Dockerfile>? entry)
    {
        if (entry is null || ShellStart.Find(entry.Model) is not { } finding)
        {
            return;
        }

        var instruction = finding.Command.Instruction;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ShellStart,
            entry.GetLocation(instruction.Span),
            TextEditProperties.Create(finding.Fix),
            instruction.Keyword,
            finding.Shell));
    }
}
