using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Rules;

/// <summary>The descriptor of every rule. One ID, one default severity, one documentation page.</summary>
internal static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/shutdownguard/shutdownguard/blob/main/docs/rules/";

    private const string Configuration = "Configuration";
    private const string Reliability = "Reliability";

    private const string ShutdownReactionTitle = "The host never reacts to shutdown";

    private const string UnrenderedTemplateTitle = "The manifest is an unrendered template";
    private const string UnrenderedTemplateDescription = "Helm templates ({{ … }}) are not Kubernetes objects until they are rendered. The build renders the charts it finds with helm when helm is installed; otherwise render them with 'helm template' and add the output through the ShutdownGuardManifests property.";

    private const string RolloutTitle = "The rollout can take ready pods away before new ones are ready";
    private const string RolloutDescription = "Every rollout shuts pods down. When the Deployment stops old pods before new ones are ready, capacity drops for the whole rollout, and whatever a shutdown drops is not absorbed by spare pods. With maxUnavailable 0 and maxSurge at least 1, a pod stops only once its replacement is ready.";

    public static readonly DiagnosticDescriptor InvalidOption = Create(
        DiagnosticIds.InvalidOption,
        "A ShutdownGuard option has a value it cannot use",
        "{0} = '{1}' cannot be used: {2}; {3} applies",
        Configuration,
        DiagnosticSeverity.Warning,
        "A ShutdownGuard option or MSBuild property has a value that ShutdownGuard cannot use. The default applies instead, so the analysis may not reflect what you meant.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ShutdownReaction = Create(
        DiagnosticIds.ShutdownReaction,
        ShutdownReactionTitle,
        "Nothing in this project reacts to shutdown and no preStop delay is known: on SIGTERM the server refuses new connections at once, while load balancers still send the pod traffic",
        Reliability,
        DiagnosticSeverity.Warning,
        "Kubernetes removes a terminating pod from load balancers asynchronously. Without a delay — a preStop sleep, or an in-app delay during which readiness fails — requests routed in those seconds are refused.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>SG1001 for a worker, which serves no HTTP: what it loses is its unfinished work.</summary>
    public static readonly DiagnosticDescriptor WorkerShutdownReaction = Create(
        DiagnosticIds.ShutdownReaction,
        ShutdownReactionTitle,
        "Nothing in this worker reacts to shutdown: its work does not stop when the host stops, so the work in progress is cut off unfinished when the process exits",
        Reliability,
        DiagnosticSeverity.Warning,
        "A worker finishes cleanly only if stopping code ends its work: BackgroundService.ExecuteAsync observes its stopping token, or IHostedService.StopAsync, StoppingAsync or an ApplicationStopping callback stops it. Otherwise the host waits up to ShutdownTimeout and the process exits mid-work.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ReadinessGate = Create(
        DiagnosticIds.ReadinessGate,
        "A readiness endpoint keeps answering ready while the app is stopping",
        "Readiness endpoint '{0}' keeps answering ready while the app is stopping: load balancers that probe it keep routing to a pod that is shutting down",
        Reliability,
        DiagnosticSeverity.Warning,
        "While the app delays its shutdown to drain, readiness must fail so that load balancers which probe the pod stop sending it requests. The built-in health checks know nothing about shutdown.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ShutdownBudget = Create(
        DiagnosticIds.ShutdownBudget,
        "ShutdownTimeout does not fit the pod's grace period",
        "{0} exceeds {1}: Kubernetes kills the app before it finishes draining",
        Reliability,
        DiagnosticSeverity.Warning,
        "The preStop delay, any delay before the host stops, ShutdownTimeout and a safety margin must fit in terminationGracePeriodSeconds. Otherwise the kubelet sends SIGKILL mid-drain, before ApplicationStopped handlers, log flushing and disposal run.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor LostStoppingDelay = Create(
        DiagnosticIds.LostStoppingDelay,
        "An ApplicationStopping callback does not wait for its delay",
        "This ApplicationStopping callback {0}: its delay{1} holds nothing up, and the server refuses new connections at once while load balancers still send the pod traffic",
        Reliability,
        DiagnosticSeverity.Warning,
        "ApplicationStopping callbacks are Actions: an async lambda registered there is async void and returns at its first await, and a task the callback starts without waiting for it runs on its own. The host goes on stopping the server as soon as the callbacks return, so the delay meant to keep the app serving delays nothing.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor LateStopDelay = Create(
        DiagnosticIds.LateStopDelay,
        "A drain delay in StopAsync runs after the server stopped",
        "This delay of {0} in a hosted service's StopAsync runs only after the server has stopped, when Kestrel already refuses new connections: it keeps nothing serving",
        Reliability,
        DiagnosticSeverity.Warning,
        "Hosted services stop in reverse registration order. WebApplicationBuilder registers the server after the app's services, ConfigureWebHostDefaults after the services of its own lambda and of Startup, and the legacy WebHost stops its server first: a delay in such a service's StopAsync starts when new connections are already refused. Delay in StoppingAsync or a blocking ApplicationStopping callback instead, which run before the server stops.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor IgnoredStoppingToken = Create(
        DiagnosticIds.IgnoredStoppingToken,
        "A BackgroundService loop never observes its stopping token",
        "'{0}.ExecuteAsync' never observes its stopping token, so this loop does not end when the host stops: shutdown waits the whole ShutdownTimeout, and the pod may be killed mid-work",
        Reliability,
        DiagnosticSeverity.Warning,
        "The host cancels the token passed to ExecuteAsync when it stops, then waits for ExecuteAsync to finish until ShutdownTimeout runs out. A loop that never looks at the token keeps running: the host gives up only when the timeout ends, and with the defaults Kubernetes sends SIGKILL in the middle of the work.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InAppDelayTakesShutdownTimeout = Create(
        DiagnosticIds.InAppDelayTakesShutdownTimeout,
        "The in-app shutdown delay takes the whole ShutdownTimeout",
        "This shutdown delay of {0} is not shorter than ShutdownTimeout {1} ({2}): in-flight requests are aborted when the delay ends",
        Reliability,
        DiagnosticSeverity.Warning,
        "A delay in an ApplicationStopping callback or in StoppingAsync runs inside ShutdownTimeout. When it takes all of it, the server is stopped with an already cancelled token and in-flight requests are aborted instead of drained.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnreadableManifest = Create(
        DiagnosticIds.UnreadableManifest,
        "A Kubernetes manifest could not be read",
        "The manifest could not be read and was not analysed: {0}",
        Reliability,
        DiagnosticSeverity.Warning,
        "A file that looks like a Kubernetes manifest is not valid YAML, or exceeds ShutdownGuard's nesting, alias or size limits. Nothing in it is analysed.");

    public static readonly DiagnosticDescriptor ReadinessProbe = Create(
        DiagnosticIds.ReadinessProbe,
        "A serving container has no readiness probe",
        "Container '{0}' of {1} takes traffic but has no readinessProbe: it gets requests as soon as it starts, and the app cannot tell load balancers that it is stopping",
        Reliability,
        DiagnosticSeverity.Warning,
        "Without a readiness probe a container counts as ready the moment it starts, before the app listens, and a readiness endpoint that fails while the app is stopping is never asked. Load balancers that follow readiness keep sending requests until the pod is gone.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ProbesRunSameCheck = Create(
        DiagnosticIds.ProbesRunSameCheck,
        "Readiness and liveness probes are the same check",
        "The readiness probe of container '{0}' in {1} is the same check as its liveness probe ({2}): readiness cannot fail while the app is stopping without liveness failing and restarting the container",
        Reliability,
        DiagnosticSeverity.Warning,
        "Readiness must fail once the app is stopping, so load balancers stop sending it requests; liveness must not, or the kubelet restarts the container mid-drain. When both probes run the same check, whatever their thresholds, one cannot fail without the other.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ShutdownDelay = Create(
        DiagnosticIds.ShutdownDelay,
        "Nothing delays shutdown after the endpoints are removed",
        "Nothing delays the shutdown of container '{0}' of {1}: with no preStop delay and no in-app delay the app stops listening at SIGTERM, while load balancers that have not yet seen the endpoint removal still send it requests",
        Reliability,
        DiagnosticSeverity.Warning,
        "Kubernetes withdraws a terminating pod's endpoints asynchronously: kube-proxy, ingress controllers and cloud load balancers learn it seconds later. An app that stops listening at SIGTERM refuses the requests they send meanwhile. A preStop sleep, or a delay in the app before the server stops, keeps it serving until they have caught up.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ProbePathNotServed = Create(
        DiagnosticIds.ProbePathNotServed,
        "A probe's HTTP path is not served by the app",
        "The {0} probe of container '{1}' in {2} requests '{3}', which no endpoint of the app serves: the probe gets 404 and fails",
        Reliability,
        DiagnosticSeverity.Warning,
        "An httpGet probe succeeds only on a 2xx or 3xx answer. A path that no endpoint maps answers 404: a readiness probe keeps the pod out of the Service, a liveness or startup probe restarts the container over and over.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PreStopTakesGracePeriod = Create(
        DiagnosticIds.PreStopTakesGracePeriod,
        "The preStop delay leaves no time to drain",
        "The preStop delay of {0} is not shorter than terminationGracePeriodSeconds {1} of {2}: SIGKILL follows 2 s after SIGTERM, before the app can drain",
        Reliability,
        DiagnosticSeverity.Warning,
        "The preStop hook runs inside the grace period. When it outlasts the grace period, Kubernetes sends SIGTERM and SIGKILL 2 seconds later: the app never gets to drain.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PreStopShell = Create(
        DiagnosticIds.PreStopShell,
        "The preStop command needs a shell or sleep binary the image does not have",
        "The preStop hook of container '{0}' runs '{1}', which image {2} does not have: the hook fails, the app gets SIGTERM at once and drops requests; use the sleep lifecycle action",
        Reliability,
        DiagnosticSeverity.Warning,
        "Chiseled, distroless and scratch images have no /bin/sh and no sleep binary. A preStop exec hook that runs them fails at once; the kubelet logs FailedPreStopHook and sends SIGTERM without the delay. The sleep lifecycle action (Kubernetes 1.29+, on by default from 1.30) needs nothing in the image.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor RollingUpdateTakesReadyPods = Create(
        DiagnosticIds.RolloutTakesReadyPods,
        RolloutTitle,
        "The rolling update of {0} can stop {1} before their replacements are ready ({2}): set maxUnavailable to 0 so that maxSurge starts new pods first",
        Reliability,
        DiagnosticSeverity.Info,
        RolloutDescription,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor RecreateTakesAllPods = Create(
        DiagnosticIds.RolloutTakesReadyPods,
        RolloutTitle,
        "{0} uses the Recreate strategy: every pod stops before a new one starts, so the app serves nothing during a rollout",
        Reliability,
        DiagnosticSeverity.Info,
        RolloutDescription,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnrenderedTemplate = Create(
        DiagnosticIds.UnrenderedTemplate,
        UnrenderedTemplateTitle,
        "The manifest is an unrendered template and was not analysed; include the output of 'helm template' instead",
        Reliability,
        DiagnosticSeverity.Info,
        UnrenderedTemplateDescription);

    /// <summary>SG2009 for a template of a chart the build would render if it found the tool.</summary>
    public static readonly DiagnosticDescriptor UnrenderedTemplateWithoutTool = Create(
        DiagnosticIds.UnrenderedTemplate,
        UnrenderedTemplateTitle,
        "The manifest is an unrendered template and was not analysed: the build renders chart {0} with '{1}', which was not found; install it on PATH or set the MSBuild property {2} to its path",
        Reliability,
        DiagnosticSeverity.Info,
        UnrenderedTemplateDescription);

    public static readonly DiagnosticDescriptor WorkloadMatch = Create(
        DiagnosticIds.WorkloadMatch,
        "No workload in the included manifests matches this project",
        "No workload in the included manifests matches project '{0}' ({1}); set the MSBuild property ShutdownGuardWorkload to kind/name or kind/name/container",
        Reliability,
        DiagnosticSeverity.Info,
        "ShutdownGuard cross-checks code and manifests only for the container that runs this project. None was found by name, image or the ShutdownGuardWorkload property, so the checks that need a manifest are off.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ProbePort = Create(
        DiagnosticIds.ProbePort,
        "A probe or the Service's targetPort names a port the app does not listen on",
        "{0} uses port {1}, but the app in container '{2}' of {3} listens on {4} ({5}): nothing answers there",
        Reliability,
        DiagnosticSeverity.Warning,
        "Since .NET 8 the official images make the app listen on 8080 (ASPNETCORE_HTTP_PORTS=8080), no longer on 80. A probe on a port nothing listens on fails: a readiness probe keeps the pod out of the Service, a liveness or startup probe restarts the container over and over; a Service whose targetPort nothing listens on refuses every request.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor RenderFailed = Create(
        DiagnosticIds.RenderFailed,
        "A Helm chart or Kustomize overlay could not be rendered",
        "{0} could not be rendered, so nothing in it was analysed: {1}",
        Reliability,
        DiagnosticSeverity.Warning,
        "The build renders Helm charts with 'helm template' and Kustomize overlays with 'kubectl kustomize', and ShutdownGuard analyses what the cluster would get. This render failed (a template error, a missing required value, a chart dependency that is not vendored, a remote base), so its workloads are not checked; the build goes on.");

    public static readonly DiagnosticDescriptor ShellStart = Create(
        DiagnosticIds.ShellStart,
        "The container starts the app through a shell, so SIGTERM never reaches it",
        "{0} starts the app through '{1}', which does not pass SIGTERM on: the app never drains and is killed when the grace period ends; use the exec form",
        Reliability,
        DiagnosticSeverity.Warning,
        "Kubernetes sends SIGTERM to the container's first process. When that is a shell running the app as a child (shell-form ENTRYPOINT or CMD, or 'sh -c' without 'exec'), the shell does not forward the signal: the app keeps serving until SIGKILL and never runs its shutdown.");

    /// <summary>The documentation page of a rule.</summary>
    public static string GetHelpUri(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, GetHelpUri(id), customTags);
}
