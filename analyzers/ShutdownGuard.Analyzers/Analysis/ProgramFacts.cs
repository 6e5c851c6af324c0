using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Budget;
using ShutdownGuard.Container;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Analysis;

/// <summary>
/// Everything known about the program at compilation end: the project and its manifests, what the code does on
/// shutdown, its endpoints, and the budgets. Computed once and shared by every whole-program rule.
/// </summary>
internal sealed class ProgramFacts
{
    private readonly Lazy<ProjectBudgets> _budgets;

    public ProgramFacts(
        ProjectContext project,
        AppModel app,
        EndpointModel? endpoints,
        ImmutableArray<AdditionalFileEntry<AppSettingsTimeout>> appSettings,
        ImmutableArray<ContainerImageInfo> images,
        ImmutableArray<AdditionalFileEntry<AppSettingsListen>> appSettingsListen = default)
    {
        Project = project;
        App = app;
        Endpoints = endpoints;
        AppSettings = appSettings;
        Images = images;
        AppSettingsListen = appSettingsListen.IsDefault ? ImmutableArray<AdditionalFileEntry<AppSettingsListen>>.Empty : appSettingsListen;
        _budgets = new Lazy<ProjectBudgets>(() => new ProjectBudgets(project, app, appSettings));
    }

    public ProjectContext Project { get; }

    public AppModel App { get; }

    /// <summary>Null when the project references no ASP.NET Core routing (a worker).</summary>
    public EndpointModel? Endpoints { get; }

    public ImmutableArray<AdditionalFileEntry<AppSettingsTimeout>> AppSettings { get; }

    /// <summary>The <c>appsettings*.json</c> files that set the server's addresses.</summary>
    public ImmutableArray<AdditionalFileEntry<AppSettingsListen>> AppSettingsListen { get; }

    /// <summary>The images the project's Dockerfiles build, or the SDK container properties' image.</summary>
    public ImmutableArray<ContainerImageInfo> Images { get; }

    /// <summary>Where host-level diagnostics stand when nothing more precise exists.</summary>
    public Location HostLocation => App.HostBuilds[0].Location;

    public ProjectBudgets Budgets => _budgets.Value;

    /// <summary>The app serves HTTP: a web host style, or endpoints it maps.</summary>
    public bool ServesHttp =>
        App.HostBuilds.Any(build => build.Style is HostStyle.WebApplication or HostStyle.WebApplicationEmpty or HostStyle.GenericHostWithWeb or HostStyle.LegacyWebHost)
        || Endpoints?.Endpoints.IsEmpty == false;

    /// <summary>A preStop delay runs before SIGTERM: in a matched container (its length may be unknown), or, without
    /// matched manifests, from <c>shutdown_guard.prestop_delay_seconds</c>.</summary>
    public bool HasPreStopDelay => Project.Matches.IsEmpty
        ? Project.Options.PreStopDelaySeconds > 0
        : Project.Matches.Any(match => match.Container.PreStop is { Kind: PreStopKind.Sleep or PreStopKind.ExecSleep, DelaySeconds: null or > 0 });

    /// <summary>The app keeps listening after SIGTERM for a while: a delay inside or outside ShutdownTimeout.</summary>
    public bool HasInAppDelay => App.InAppDelays.Concat(App.OutsideDelays).Any(delay => delay.Seconds is null or > 0);

    /// <summary>The matched containers a rule may report on: those whose workload (or pod template) does not switch
    /// <paramref name="diagnosticId"/> off with an annotation.</summary>
    public IEnumerable<ContainerMatch> Matches(string diagnosticId) =>
        Project.Matches.Where(match => !match.Workload.Workload.Ignores(diagnosticId));

    /// <summary>The paths readiness probes ask: the matched containers' readinessProbe paths, else the option's.</summary>
    public ImmutableArray<string> ReadinessPaths => ProbePaths(container => container.ReadinessProbe, Project.Options.ReadinessPaths);

    /// <summary>The paths liveness probes ask: the matched containers' livenessProbe paths, else the option's.</summary>
    public ImmutableArray<string> LivenessPaths => ProbePaths(container => container.LivenessProbe, Project.Options.LivenessPaths);

    private ImmutableArray<string> ProbePaths(Func<ContainerSpec, Probe?> probe, ImmutableArray<string> fallback)
    {
        var paths = Project.Matches
            .Select(match => probe(match.Container))
            .Where(candidate => candidate is { Kind: ProbeKind.HttpGet })
            .Select(candidate => candidate!.Path is { IsTemplate: false } path ? path.Text : "/")
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        return paths.IsEmpty ? fallback : paths;
    }
}
