using System.Diagnostics.CodeAnalysis;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;
using ShutdownGuard.Options;

namespace ShutdownGuard.Analysis;

/// <summary>
/// Everything a rule needs to know about the project before it looks at code: options, the project's identity,
/// its manifests and the containers that run it. Built at compilation start, only for executables that reference hosting.
/// </summary>
internal sealed class ProjectContext
{
    private ProjectContext(WellKnownTypes types, ShutdownGuardOptions options, ProjectInfo project, ManifestSet manifests, ImmutableArray<ContainerMatch> matches)
    {
        Types = types;
        Options = options;
        Project = project;
        Manifests = manifests;
        Matches = matches;
    }

    /// <summary>The framework types, looked up once for every rule and collector.</summary>
    public WellKnownTypes Types { get; }

    public ShutdownGuardOptions Options { get; }

    public ProjectInfo Project { get; }

    public ManifestSet Manifests { get; }

    /// <summary>The containers that run this project.</summary>
    public ImmutableArray<ContainerMatch> Matches { get; }

    /// <summary>
    /// Null when the project cannot run in a pod (a library, a test project: whether an executable builds a host is known
    /// only after its code is seen) or references no hosting: nothing to check, and no framework type is looked up.
    /// </summary>
    [SuppressMessage("MicrosoftCodeAnalysisPerformance", "RS1012", Justification = "Reads the start context's options and cache; the caller registers the actions.")]
    public static ProjectContext? TryCreateForExecutable(CompilationStartAnalysisContext context)
    {
        if (!ProjectInfo.BuildsExecutable(context.Compilation))
        {
            return null;
        }

        var globalOptions = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var project = ProjectInfo.Read(context.Compilation, globalOptions);
        if (project.IsTestProject || WellKnownTypes.TryCreate(context.Compilation) is not { } types)
        {
            return null;
        }

        var options = ShutdownGuardOptions.Read(globalOptions);
        var manifests = ManifestSet.Create(context.Options.AdditionalFiles, project.Directory, TextModels.CachedIn(context), context.CancellationToken);
        var matches = WorkloadMatcher.Match(manifests, options.Workload, project.Names);
        return new ProjectContext(types, options, project, manifests, matches);
    }
}
