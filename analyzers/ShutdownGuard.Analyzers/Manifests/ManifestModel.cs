using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Manifests;

/// <summary>One scalar as written in the manifest, with its exact span in the file's text.</summary>
internal sealed class ManifestScalar
{
    public ManifestScalar(string text, TextSpan span, bool isPlain, bool isShared)
    {
        Text = text;
        Span = span;
        IsPlain = isPlain;
        IsShared = isShared;
    }

    /// <summary>The scalar's value after YAML unquoting.</summary>
    public string Text { get; }

    /// <summary>The scalar's span in the source text, quotes included.</summary>
    public TextSpan Span { get; }

    /// <summary>True when the scalar was written without quotes (so <c>30</c> is a number, <c>"30"</c> a string).</summary>
    public bool IsPlain { get; }

    /// <summary>True when the scalar lies in anchored text that an alias repeats (reached through the alias or not): a fix
    /// that rewrote it would change every user of the anchor, so none does.</summary>
    public bool IsShared { get; }

    /// <summary>True when the value is a template expression (<c>{{ … }}</c>, <c>${…}</c>): its value is unknown.</summary>
    public bool IsTemplate => Text.Contains("{{") || Text.Contains("${");

    /// <summary>Whether two objects' namespaces may be one: a namespace left out is the one the objects are applied to,
    /// so they differ only when both name different ones.</summary>
    public static bool SameNamespace(ManifestScalar? first, ManifestScalar? second) =>
        first is null || second is null || first.IsTemplate || second.IsTemplate || first.Text == second.Text;

    /// <summary>The value as a non-negative integer, or null when it is unknown (quoted, a template, not a number).</summary>
    public int? AsInt()
    {
        if (!IsPlain || IsTemplate)
        {
            return null;
        }

        return int.TryParse(Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

/// <summary>Why a manifest file was not analysed.</summary>
internal enum ManifestProblemKind
{
    /// <summary>YAML error, nesting or alias limit, size limit, duplicate key (SG2001).</summary>
    Unreadable,

    /// <summary>An unrendered Helm template (SG2009).</summary>
    Template,
}

internal sealed class ManifestProblem
{
    public ManifestProblem(ManifestProblemKind kind, string message, TextSpan span)
    {
        Kind = kind;
        Message = message;
        Span = span;
    }

    public ManifestProblemKind Kind { get; }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>A YAML or JSON file read as Kubernetes objects. Parsed once per text.</summary>
internal sealed class ManifestFile
{
    public ManifestFile(
        bool looksLikeKubernetes,
        ManifestProblem? problem,
        ImmutableArray<Workload> workloads,
        ImmutableArray<ServiceObject> services,
        ImmutableArray<ConfigMapObject> configMaps,
        ImmutableArray<string> kustomizePatches)
    {
        LooksLikeKubernetes = looksLikeKubernetes;
        Problem = problem;
        Workloads = workloads;
        Services = services;
        ConfigMaps = configMaps;
        KustomizePatches = kustomizePatches;
    }

    /// <summary>True when the file holds (or, unreadable, appears to hold) Kubernetes objects.</summary>
    public bool LooksLikeKubernetes { get; }

    /// <summary>When set, nothing else is known about the file.</summary>
    public ManifestProblem? Problem { get; }

    public ImmutableArray<Workload> Workloads { get; }

    public ImmutableArray<ServiceObject> Services { get; }

    public ImmutableArray<ConfigMapObject> ConfigMaps { get; }

    /// <summary>For a <c>kustomization.yaml</c>: the patch files it lists, as written (relative to its folder).</summary>
    public ImmutableArray<string> KustomizePatches { get; }
}

internal sealed class ServiceObject
{
    public ServiceObject(ManifestScalar? name, ManifestScalar? @namespace, ImmutableDictionary<string, string> selector, TextSpan kindSpan, ImmutableArray<ServicePort> ports = default)
    {
        Name = name;
        Namespace = @namespace;
        Selector = selector;
        KindSpan = kindSpan;
        Ports = ports.IsDefault ? ImmutableArray<ServicePort>.Empty : ports;
    }

    public ManifestScalar? Name { get; }

    public ManifestScalar? Namespace { get; }

    /// <summary>spec.selector with literal values only.</summary>
    public ImmutableDictionary<string, string> Selector { get; }

    public TextSpan KindSpan { get; }

    /// <summary>spec.ports, the items that are mappings.</summary>
    public ImmutableArray<ServicePort> Ports { get; }

    /// <summary><c>Service/orders</c>, the way kubectl names it.</summary>
    public string DisplayName => "Service/" + (Name?.Text ?? "?");
}

/// <summary>One item of a Service's <c>spec.ports</c>.</summary>
internal sealed class ServicePort
{
    public ServicePort(ManifestScalar? port, ManifestScalar? targetPort, bool hasTargetPortKey)
    {
        Port = port;
        TargetPort = targetPort;
        HasTargetPortKey = hasTargetPortKey;
    }

    public ManifestScalar? Port { get; }

    /// <summary>A number or a named container port; absent means the same number as <see cref="Port"/>.</summary>
    public ManifestScalar? TargetPort { get; }

    /// <summary>The key is present, even with a value that is not a scalar (then the target is unknown).</summary>
    public bool HasTargetPortKey { get; }

    /// <summary>The value that names the pod's port: <c>targetPort</c>, else <c>port</c>; null when unknown.</summary>
    public ManifestScalar? Target => HasTargetPortKey ? TargetPort : Port;
}

internal sealed class ConfigMapObject
{
    public ConfigMapObject(ManifestScalar? name, ManifestScalar? @namespace, ImmutableDictionary<string, ManifestScalar>? data)
    {
        Name = name;
        Namespace = @namespace;
        Data = data;
    }

    public ManifestScalar? Name { get; }

    public ManifestScalar? Namespace { get; }

    /// <summary>The entries of <c>data</c> (empty without it); null when its shape cannot be read, so that no key is known.</summary>
    public ImmutableDictionary<string, ManifestScalar>? Data { get; }
}

/// <summary>Any object with a pod spec: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// ReplicationController, Job, CronJob, or a CRD with spec.template.spec.containers.</summary>
internal sealed class Workload
{
    public Workload(
        string kind,
        TextSpan kindSpan,
        ManifestScalar? name,
        ManifestScalar? @namespace,
        ImmutableDictionary<string, ManifestScalar> annotations,
        ImmutableDictionary<string, string> podLabels,
        ManifestScalar? replicas,
        bool hasReplicasKey,
        MappingKey? spec,
        RolloutStrategy? strategy,
        PodSpec pod)
    {
        Kind = kind;
        KindSpan = kindSpan;
        Name = name;
        Namespace = @namespace;
        Annotations = annotations;
        PodLabels = podLabels;
        Replicas = replicas;
        HasReplicasKey = hasReplicasKey;
        Spec = spec;
        Strategy = strategy;
        Pod = pod;
    }

    public string Kind { get; }

    /// <summary>The span of the <c>kind</c> value: where workload-level diagnostics stand.</summary>
    public TextSpan KindSpan { get; }

    public ManifestScalar? Name { get; }

    public ManifestScalar? Namespace { get; }

    /// <summary>metadata.annotations of the workload merged with those of its pod template.</summary>
    public ImmutableDictionary<string, ManifestScalar> Annotations { get; }

    /// <summary>Literal labels of the pod (the pod's own for kind Pod, the template's otherwise).</summary>
    public ImmutableDictionary<string, string> PodLabels { get; }

    public ManifestScalar? Replicas { get; }

    public bool HasReplicasKey { get; }

    /// <summary>The workload's own <c>spec</c> key (for a Pod, the pod spec's): where a <c>strategy</c> is inserted.</summary>
    public MappingKey? Spec { get; }

    /// <summary><c>spec.strategy</c> (<c>spec.updateStrategy</c> for StatefulSets and DaemonSets); null when absent or the
    /// kind has no rollout.</summary>
    public RolloutStrategy? Strategy { get; }

    public PodSpec Pod { get; }

    /// <summary>True when an annotation of the workload or its pod template switches the rule off: ShutdownGuard's own
    /// ignore annotation, or one that silences the same check in kube-score, kube-linter, Polaris or Checkov.</summary>
    public bool Ignores(string diagnosticId) => Suppressions.Ignores(Annotations, diagnosticId);

    /// <summary><c>Deployment/orders</c>, the way kubectl names it.</summary>
    public string DisplayName => Kind + "/" + (Name?.Text ?? "?");
}

/// <summary>A key whose value may be a block mapping: where it stands and where a child key goes.</summary>
internal sealed class MappingKey
{
    public MappingKey(TextSpan keySpan, int childIndent)
    {
        KeySpan = keySpan;
        ChildIndent = childIndent;
    }

    public TextSpan KeySpan { get; }

    /// <summary>The column (0-based) of the value's keys; -1 when no key can be inserted (flow style, an empty or
    /// non-mapping value, text an alias shares).</summary>
    public int ChildIndent { get; }
}

internal sealed class RolloutStrategy
{
    public RolloutStrategy(MappingKey key, bool isKnown, ManifestScalar? type, MappingKey? rollingUpdate, ManifestScalar? maxUnavailable, ManifestScalar? maxSurge, TextSpan span)
    {
        Key = key;
        IsKnown = isKnown;
        Type = type;
        RollingUpdate = rollingUpdate;
        MaxUnavailable = maxUnavailable;
        MaxSurge = maxSurge;
        Span = span;
    }

    /// <summary>The <c>strategy</c> key.</summary>
    public MappingKey Key { get; }

    /// <summary>False when the strategy, <c>rollingUpdate</c> or one of their values has a shape ShutdownGuard cannot read
    /// (an alias, a list): then nothing about the rollout is known, not even that the defaults apply.</summary>
    public bool IsKnown { get; }

    public ManifestScalar? Type { get; }

    /// <summary>The <c>rollingUpdate</c> key; null when absent.</summary>
    public MappingKey? RollingUpdate { get; }

    public ManifestScalar? MaxUnavailable { get; }

    public ManifestScalar? MaxSurge { get; }

    /// <summary>The span of the strategy's value.</summary>
    public TextSpan Span { get; }
}

internal sealed class PodSpec
{
    public PodSpec(
        TextSpan keySpan,
        int childIndent,
        ManifestScalar? terminationGracePeriodSeconds,
        ImmutableArray<ContainerSpec> containers,
        ImmutableArray<ContainerSpec> initContainers)
    {
        KeySpan = keySpan;
        ChildIndent = childIndent;
        TerminationGracePeriodSeconds = terminationGracePeriodSeconds;
        Containers = containers;
        InitContainers = initContainers;
    }

    /// <summary>The span of the <c>spec</c> key that opens the pod spec (where a key is inserted).</summary>
    public TextSpan KeySpan { get; }

    /// <summary>The column (0-based) of the pod spec's keys, for inserting a sibling key; -1 for flow style or text an alias
    /// shares.</summary>
    public int ChildIndent { get; }

    public ManifestScalar? TerminationGracePeriodSeconds { get; }

    public ImmutableArray<ContainerSpec> Containers { get; }

    public ImmutableArray<ContainerSpec> InitContainers { get; }
}

internal sealed class ContainerSpec
{
    public ContainerSpec(
        ManifestScalar? name,
        ManifestScalar? image,
        TextSpan span,
        int childIndent,
        ImmutableArray<ContainerPort> ports,
        ImmutableArray<EnvVar> env,
        ImmutableArray<EnvFromSource> envFrom,
        ImmutableArray<ManifestScalar> command,
        ImmutableArray<ManifestScalar> args,
        Probe? readinessProbe,
        Probe? livenessProbe,
        Probe? startupProbe,
        PreStopHook? preStop,
        LifecycleSpec? lifecycle)
    {
        Name = name;
        Image = image;
        Span = span;
        ChildIndent = childIndent;
        Ports = ports;
        Env = env;
        EnvFrom = envFrom;
        Command = command;
        Args = args;
        ReadinessProbe = readinessProbe;
        LivenessProbe = livenessProbe;
        StartupProbe = startupProbe;
        PreStop = preStop;
        Lifecycle = lifecycle;
    }

    public ManifestScalar? Name { get; }

    public ManifestScalar? Image { get; }

    /// <summary>The span of the container's mapping.</summary>
    public TextSpan Span { get; }

    /// <summary>The column (0-based) of the container's keys; -1 for flow style or text an alias shares.</summary>
    public int ChildIndent { get; }

    public ImmutableArray<ContainerPort> Ports { get; }

    public ImmutableArray<EnvVar> Env { get; }

    /// <summary>The <c>envFrom</c> sources in order; one of kind Unknown when the value is not a list.</summary>
    public ImmutableArray<EnvFromSource> EnvFrom { get; }

    public bool HasEnvFrom => !EnvFrom.IsEmpty;

    /// <summary>Literal items of <c>command</c> (empty when absent).</summary>
    public ImmutableArray<ManifestScalar> Command { get; }

    /// <summary>Literal items of <c>args</c> (empty when absent).</summary>
    public ImmutableArray<ManifestScalar> Args { get; }

    public Probe? ReadinessProbe { get; }

    public Probe? LivenessProbe { get; }

    public Probe? StartupProbe { get; }

    public PreStopHook? PreStop { get; }

    /// <summary>The <c>lifecycle</c> value when the key is present.</summary>
    public LifecycleSpec? Lifecycle { get; }

    /// <summary>The port number a probe's <c>port</c> stands for: the number itself, or the number of the container port
    /// of that name; null when it is unknown (a template, a quoted number, a name no port has).</summary>
    public int? PortNumber(ManifestScalar? port)
    {
        if (port is null || port.IsTemplate)
        {
            return null;
        }

        return port.AsInt() ?? Ports.FirstOrDefault(candidate => candidate.Name?.Text == port.Text)?.Port?.AsInt();
    }
}

/// <summary>A container's <c>lifecycle</c> value, as far as inserting a hook into it needs.</summary>
internal sealed class LifecycleSpec
{
    public LifecycleSpec(TextSpan span, int childIndent, bool hasPreStopKey)
    {
        Span = span;
        ChildIndent = childIndent;
        HasPreStopKey = hasPreStopKey;
    }

    /// <summary>The span of the value.</summary>
    public TextSpan Span { get; }

    /// <summary>The column (0-based) of its keys; -1 when it is not a block mapping with keys (flow style, empty, a template)
    /// or lies in text an alias shares.</summary>
    public int ChildIndent { get; }

    /// <summary>True when it has a <c>preStop</c> key, even an empty one.</summary>
    public bool HasPreStopKey { get; }
}

internal sealed class ContainerPort
{
    public ContainerPort(ManifestScalar? name, ManifestScalar? containerPort)
    {
        Name = name;
        Port = containerPort;
    }

    public ManifestScalar? Name { get; }

    public ManifestScalar? Port { get; }
}

internal sealed class EnvVar
{
    public EnvVar(ManifestScalar name, ManifestScalar? value, bool hasValueFrom, ConfigMapKeyRef? configMapKey, TextSpan span)
    {
        Name = name;
        Value = value;
        HasValueFrom = hasValueFrom;
        ConfigMapKey = configMapKey;
        Span = span;
    }

    public ManifestScalar Name { get; }

    /// <summary>The literal <c>value</c>; null when absent or not a scalar.</summary>
    public ManifestScalar? Value { get; }

    /// <summary>The value comes from a ConfigMap, Secret or field.</summary>
    public bool HasValueFrom { get; }

    /// <summary><c>valueFrom.configMapKeyRef</c> when that is the whole of <c>valueFrom</c>.</summary>
    public ConfigMapKeyRef? ConfigMapKey { get; }

    /// <summary>The span of the env entry's mapping.</summary>
    public TextSpan Span { get; }
}

/// <summary><c>valueFrom.configMapKeyRef</c>: one key of a ConfigMap.</summary>
internal sealed class ConfigMapKeyRef
{
    public ConfigMapKeyRef(ManifestScalar? name, ManifestScalar? key, bool isOptional)
    {
        Name = name;
        Key = key;
        IsOptional = isOptional;
    }

    public ManifestScalar? Name { get; }

    public ManifestScalar? Key { get; }

    /// <summary><c>optional: true</c>: a key the ConfigMap lacks leaves the variable unset instead of stopping the pod.</summary>
    public bool IsOptional { get; }
}

internal enum EnvFromKind
{
    ConfigMap,
    Secret,

    /// <summary>A shape that cannot be read (a template, a list item that is not a mapping).</summary>
    Unknown,
}

/// <summary>One <c>envFrom</c> source: every key of a ConfigMap or Secret, each behind <c>prefix</c>.</summary>
internal sealed class EnvFromSource
{
    public EnvFromSource(EnvFromKind kind, ManifestScalar? name, ManifestScalar? prefix)
    {
        Kind = kind;
        Name = name;
        Prefix = prefix;
    }

    public EnvFromKind Kind { get; }

    /// <summary>The ConfigMap's or Secret's name.</summary>
    public ManifestScalar? Name { get; }

    public ManifestScalar? Prefix { get; }
}

internal enum ProbeKind
{
    Unknown,
    HttpGet,
    TcpSocket,
    Grpc,
    Exec,
}

internal sealed class Probe
{
    public Probe(
        ProbeKind kind,
        TextSpan keySpan,
        ManifestScalar? path,
        ManifestScalar? port,
        ManifestScalar? grpcService,
        ImmutableArray<ManifestScalar> command,
        ManifestScalar? initialDelaySeconds,
        ManifestScalar? periodSeconds,
        ManifestScalar? timeoutSeconds,
        ManifestScalar? failureThreshold,
        ManifestScalar? successThreshold)
    {
        Kind = kind;
        KeySpan = keySpan;
        Path = path;
        Port = port;
        GrpcService = grpcService;
        Command = command;
        InitialDelaySeconds = initialDelaySeconds;
        PeriodSeconds = periodSeconds;
        TimeoutSeconds = timeoutSeconds;
        FailureThreshold = failureThreshold;
        SuccessThreshold = successThreshold;
    }

    public ProbeKind Kind { get; }

    /// <summary>The span of the probe's key (<c>readinessProbe</c>…).</summary>
    public TextSpan KeySpan { get; }

    /// <summary>httpGet.path (absent means <c>/</c> to the kubelet).</summary>
    public ManifestScalar? Path { get; }

    /// <summary>httpGet.port, tcpSocket.port or grpc.port: a number or a named port.</summary>
    public ManifestScalar? Port { get; }

    public ManifestScalar? GrpcService { get; }

    /// <summary>exec.command items.</summary>
    public ImmutableArray<ManifestScalar> Command { get; }

    public ManifestScalar? InitialDelaySeconds { get; }

    public ManifestScalar? PeriodSeconds { get; }

    public ManifestScalar? TimeoutSeconds { get; }

    public ManifestScalar? FailureThreshold { get; }

    public ManifestScalar? SuccessThreshold { get; }
}

internal enum PreStopKind
{
    /// <summary>The <c>sleep</c> lifecycle action (Kubernetes 1.29+, on by default from 1.30).</summary>
    Sleep,

    /// <summary><c>exec</c> running <c>sleep N</c>, directly or through <c>sh -c "…sleep N…"</c>.</summary>
    ExecSleep,

    /// <summary>Any other <c>exec</c> command.</summary>
    Exec,

    HttpGet,

    Unknown,
}

internal sealed class PreStopHook
{
    public PreStopHook(
        PreStopKind kind,
        TextSpan keySpan,
        int? delaySeconds,
        ManifestScalar? delayValue,
        ImmutableArray<ManifestScalar> command,
        bool usesShell,
        TextSpan? execSpan = null,
        bool sleepsOnly = false)
    {
        Kind = kind;
        KeySpan = keySpan;
        DelaySeconds = delaySeconds;
        DelayValue = delayValue;
        Command = command;
        UsesShell = usesShell;
        ExecSpan = execSpan;
        SleepsOnly = sleepsOnly;
    }

    public PreStopKind Kind { get; }

    /// <summary>The span of the <c>preStop</c> key.</summary>
    public TextSpan KeySpan { get; }

    /// <summary>The known delay in whole seconds (sleep action or exec sleep); null when unknown or none.</summary>
    public int? DelaySeconds { get; }

    /// <summary>The scalar that holds the delay (<c>sleep.seconds</c>, or the exec item containing <c>sleep N</c>).</summary>
    public ManifestScalar? DelayValue { get; }

    /// <summary>exec.command items.</summary>
    public ImmutableArray<ManifestScalar> Command { get; }

    /// <summary>The exec command runs a shell (<c>sh</c>, <c>bash</c>, <c>/bin/sh</c>…) or the <c>sleep</c> binary: it needs them in the image.</summary>
    public bool UsesShell { get; }

    /// <summary>The <c>exec</c> entry, from its key to the end of its value; null for other hooks, and when the entry lies in
    /// text an alias shares (rewriting it would change every user of the anchor).</summary>
    public TextSpan? ExecSpan { get; }

    /// <summary>The exec command does nothing but <c>sleep N</c> (directly, or as a shell's whole script).</summary>
    public bool SleepsOnly { get; }
}
