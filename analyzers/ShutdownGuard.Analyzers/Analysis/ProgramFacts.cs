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
        ImmutableArray<AdditionalFileEntry<AppSettingsValues>> appSettings,
        ImmutableArray<ContainerImageInfo> images)
    {
        Project = project;
        App = app;
        Endpoints = endpoints;
        AppSettings = appSettings;
        Images = images;
        _budgets = new Lazy<ProjectBudgets>(() => new ProjectBudgets(project, app, appSettings));
    }

    public ProjectContext Project { get; }

    public AppModel App { get; }

    /// <summary>Null when the project references no ASP.NET Core routing (a worker).</summary>
    public EndpointModel? Endpoints { get; }

    public ImmutableArray<AdditionalFileEntry<AppSettingsValues>> AppSettings { get; }

    /// <summary>The images the project's Dockerfiles build, or the SDK container properties' image.</summary>
    public ImmutableArray<ContainerImageInfo> Images { get; }

    /// <summary>Where host-level diagnostics stand when nothing more precise exists.</summary>
    public Location HostLocation => App.HostBuilds[0].Location;

    public ProjectBudgets Budgets => _budgets.Value;

    /// <summary>The app serves HTTP, or may: a web host style, or endpoints it maps.</summary>
    public bool ServesHttp => ServesTraffic != false;

    /// <summary>Whether the app serves HTTP: true when it maps endpoints of its own (or routes it cannot list), false for a
    /// host that is not a web host and maps nothing; null for a web host whose only routes come from code outside the
    /// project (a shared <c>MapDefaultEndpoints</c> may map health endpoints only, a proxy every path).</summary>
    public bool? ServesTraffic
    {
        get
        {
            if (Endpoints is { } endpoints
                && (!endpoints.Endpoints.IsEmpty || endpoints.UnknownRoutes.Any(unknown => unknown.Reason != UnknownRoutesReason.BuilderLeavesProject)))
            {
                return true;
            }

            if (!App.HostBuilds.Any(build => build.Style is HostStyle.WebApplication or HostStyle.WebApplicationEmpty or HostStyle.GenericHostWithWeb or HostStyle.LegacyWebHost))
            {
                return false;
            }

            return Endpoints is { RoutesUnknown: true } ? null : true;
        }
    }

    /// <summary>A preStop delay may run before SIGTERM: a matched container has a hook not known to wait 0 s (a script or
    /// an HTTP call may well wait), or, without matched manifests, <c>shutdown_guard.prestop_delay_seconds</c> is set.</summary>
    public bool HasPreStopDelay => Project.Matches.IsEmpty
        ? Project.Options.PreStopDelaySeconds > 0
        : Project.Matches.Any(match => match.Container.PreStop is { DelaySeconds: null or > 0 });

    /// <summary>The app surely keeps listening after SIGTERM for a while: a delay inside or outside ShutdownTimeout that
    /// runs in its environment.</summary>
    public bool HasInAppDelay => App.InAppDelays.Concat(App.OutsideDelays).Any(delay => !delay.MayNotRun && delay.Seconds is null or > 0);

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
