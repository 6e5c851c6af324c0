using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;
using ShutdownGuard.Rendering;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2001 (a manifest that cannot be read), SG2009 (an unrendered template) and SG2012 (a chart or overlay the build
/// could not render). Reported per file, so the editor shows them as soon as the file changes. A file that a render
/// reads is not read raw: the render stands for it, and a failed render is reported once, at its chart or kustomization.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ManifestReadabilityAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnreadableManifest, Descriptors.UnrenderedTemplate, Descriptors.RenderFailed);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!WellKnownTypes.ReferencesHosting(start.Compilation))
            {
                return;
            }

            var models = TextModels.CachedIn(start);
            var projectDirectory = ProjectInfo.Read(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions).Directory;
            var renders = ProjectRenders.Read(start.Options.AdditionalFiles, projectDirectory, models, start.CancellationToken);
            start.RegisterAdditionalFileAction(file =>
            {
                if (renders is not null && (renders.Consumes(file.AdditionalFile.Path) || renders.IsOutput(file.AdditionalFile.Path)))
                {
                    ReportFailures(file, renders);
                    return;
                }

                if (RenderIndex.IsOutputPath(file.AdditionalFile.Path))
                {
                    return;
                }

                ReportProblem(file, ManifestSet.FileKind.Read(file.AdditionalFile, projectDirectory, models, file.CancellationToken), renders);
            });
        });
    }

    private static void ReportProblem(AdditionalFileAnalysisContext context, AdditionalFileEntry<ManifestFile>? entry, ProjectRenders? renders)
    {
        if (entry?.Model.Problem is not { } problem)
        {
            return;
        }

        var location = entry.GetLocation(problem.Span);
        var diagnostic = problem.Kind != ManifestProblemKind.Template ? Diagnostic.Create(Descriptors.UnreadableManifest, location, problem.Message)
            : renders?.MissingToolFor(entry.Path) is { } render ? Diagnostic.Create(Descriptors.UnrenderedTemplateWithoutTool, location, render.Source, render.Tool, render.ToolProperty)
            : Diagnostic.Create(Descriptors.UnrenderedTemplate, location);
        context.ReportDiagnostic(diagnostic);
    }

    /// <summary>SG2012 for each failed render whose chart or kustomization this file is, on its first line.</summary>
    private static void ReportFailures(AdditionalFileAnalysisContext context, ProjectRenders renders)
    {
        foreach (var render in renders.FailuresReportedAt(context.AdditionalFile.Path))
        {
            var text = context.AdditionalFile.GetText(context.CancellationToken);
            var firstLine = text is { Lines.Count: > 0 } ? text.Lines[0].Span : default;
            var location = Location.Create(context.AdditionalFile.Path, firstLine, text?.Lines.GetLinePositionSpan(firstLine) ?? default(LinePositionSpan));
            var what = render.Kind == RenderKind.Helm
                ? $"Helm chart {render.Source} ({render.Describe()})"
                : "Kustomize overlay " + render.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RenderFailed, location, what, render.Error ?? render.Tool + " failed"));
        }
    }
}
