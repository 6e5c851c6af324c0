using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Analysis;
using ShutdownGuard.Budget;
using ShutdownGuard.Container;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;
using ShutdownGuard.Rendering;
using ShutdownGuard.Rules.Budget;
using ShutdownGuard.Rules.Draining;
using ShutdownGuard.Rules.Manifests;

namespace ShutdownGuard.Rules;

/// <summary>
/// Runs every rule that needs the whole program. The code is read once — one collector for shutdown handling, one for
/// endpoints — and the rules share the facts at compilation end. Libraries, test projects and projects without hosting
/// cost no more than reading the build's options and at most two type lookups.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProgramAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<IProgramRule> Rules = ImmutableArray.Create<IProgramRule>(
        new ShutdownReactionRule(),
        new ReadinessGateRule(),
        new IgnoredStoppingTokenRule(),
        new ShutdownBudgetRule(),
        new LostStoppingDelayRule(),
        new LateStopDelayRule(),
        new WorkloadMatchRule(),
        new ReadinessProbeRule(),
        new ShutdownDelayRule(),
        new PreStopShellRule(),
        new ProbesRunSameCheckRule(),
        new ProbePathNotServedRule(),
        new RolloutTakesReadyPodsRule(),
        new ProbePortRule());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        Rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var project = ProjectContext.TryCreateForExecutable(context);
        if (project is null)
        {
            return;
        }

        var options = context.Options;
        var appSettings = AppSettingsFiles.FileKind.ReadAll(options.AdditionalFiles, projectDirectory: null, TextModels.CachedIn(context), context.CancellationToken);
        var images = DockerfileFiles.Images(options, TextModels.CachedIn(context), context.CancellationToken);
        var app = new AppModelCollector(context.Compilation, project.Types);
        app.Register(context);
        var endpoints = EndpointCollector.Register(context, project.Types);
        var walk = OperationWalk.Register(context, app, endpoints, project.Types);
        context.RegisterCompilationEndAction(end =>
        {
            if (!app.SawHostBuild)
            {
                return;
            }

            walk.ReadReachedBodies(end.Compilation, end.CancellationToken);
            var model = app.ToModel();

            // Conditions in the code are evaluated against the environments of the containers that run it.
            var environments = HostEnvironment.Of(model, project.Matches);
            var facts = new ProgramFacts(project, model.In(environments), endpoints?.Build(environments, end.CancellationToken), appSettings, images);
            RenderedFindings.Collect(project.Manifests.RenderSources, end.ReportDiagnostic, report =>
            {
                foreach (var rule in Rules)
                {
                    end.CancellationToken.ThrowIfCancellationRequested();
                    rule.Analyze(facts, report);
                }
            });
        });
    }
}
