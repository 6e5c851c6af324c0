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
/// its manifests and the containers that run it. Built at compilation start, only for projects that reference hosting.
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

    /// <summary>The containers that run this project; empty for libraries and test projects, which are never matched.</summary>
    public ImmutableArray<ContainerMatch> Matches { get; }

    /// <summary>An executable that could run in a pod (whether it builds a host is known only after its code is seen).</summary>
    public bool CanRunInPod => Project.IsExecutable && !Project.IsTestProject;

    /// <summary>Null when the compilation references no hosting: nothing to check.</summary>
    [SuppressMessage("MicrosoftCodeAnalysisPerformance", "RS1012", Justification = "Reads the start context's options and cache; the caller registers the actions.")]
    public static ProjectContext? TryCreate(CompilationStartAnalysisContext context)
    {
        var types = WellKnownTypes.TryCreate(context.Compilation);
        if (types is null)
        {
            return null;
        }

        var globalOptions = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var options = ShutdownGuardOptions.Read(globalOptions);
        var project = ProjectInfo.Read(context.Compilation, globalOptions);
        var manifests = ManifestSet.Create(context.Options.AdditionalFiles, project.Directory, TextModels.CachedIn(context), context.CancellationToken);
        var matches = project.IsExecutable && !project.IsTestProject
            ? WorkloadMatcher.Match(manifests, options.Workload, project.Names)
            : ImmutableArray<ContainerMatch>.Empty;
        return new ProjectContext(types, options, project, manifests, matches);
    }
}
