using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Budget;
using ShutdownGuard.Container;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Analysis;

/// <summary>
/// Everything known about the program at compilation end: the project and its manifests, what the code does on
/// shutdown, its endpoints, and the budgets. Computed once and shared by every whole-program rule.
/// </summary>
internal sealed class ProgramFacts
{
    private readonly Lazy<ProjectBudgets> _budgets;

    public ProgramFacts(
        Compilation compilation,
        ProjectContext project,
        AppModel app,
        EndpointModel? endpoints,
        ImmutableArray<AppSettingsFile> appSettings,
        ImmutableArray<ContainerImageInfo> images)
    {
        Compilation = compilation;
        Project = project;
        App = app;
        Endpoints = endpoints;
        AppSettings = appSettings;
        Images = images;
        _budgets = new Lazy<ProjectBudgets>(() => new ProjectBudgets(project, app, appSettings));
    }

    public Compilation Compilation { get; }

    public ProjectContext Project { get; }

    public AppModel App { get; }

    /// <summary>Null when the project references no ASP.NET Core routing (a worker).</summary>
    public EndpointModel? Endpoints { get; }

    public ImmutableArray<AppSettingsFile> AppSettings { get; }

    /// <summary>The images the project's Dockerfiles build, or the SDK container properties' image.</summary>
    public ImmutableArray<ContainerImageInfo> Images { get; }

    /// <summary>True when the project builds a host: only then is it matched to workloads and checked.</summary>
    public bool BuildsHost => !App.HostBuilds.IsEmpty;

    /// <summary>Where host-level diagnostics stand when nothing more precise exists.</summary>
    public Location HostLocation => App.HostBuilds[0].Location;

    public ProjectBudgets Budgets => _budgets.Value;
}
