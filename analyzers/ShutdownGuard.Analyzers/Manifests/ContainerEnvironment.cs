using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Manifests;

/// <summary>What a container's environment gives one variable: not set, set (where, and to which scalar), or unknown.</summary>
internal sealed class EnvValue
{
    private EnvValue(bool isSet, ManifestScalar? value, string source, Location? location)
    {
        IsSet = isSet;
        Value = value;
        Source = source;
        Location = location;
    }

    public static EnvValue NotSet { get; } = new(false, null, "not set", null);

    /// <summary>A source that cannot be read may set it (a Secret, a ConfigMap not among the manifests, a field).</summary>
    public static EnvValue Unknown { get; } = new(true, null, "unknown", null);

    /// <summary>True when the variable is or may be set.</summary>
    public bool IsSet { get; }

    public bool IsUnknown => Location is null && IsSet;

    /// <summary>The value as written; null when the entry has none or it is unknown.</summary>
    public ManifestScalar? Value { get; }

    /// <summary>The variable and where its value stands, for messages: <c>X (k8s/deployment.yaml:20)</c>.</summary>
    public string Source { get; }

    /// <summary>Where the value stands; null when it is not set or unknown.</summary>
    public Location? Location { get; }

    public static EnvValue At(ManifestScalar? value, string source, AdditionalFileEntry<ManifestFile> file, TextSpan span) =>
        new(true, value, source + " (" + file.Describe(span) + ")", file.GetLocation(span));
}

/// <summary>
/// The environment Kubernetes gives a container: <c>envFrom</c> sources in order, a later one winning for a repeated key,
/// then <c>env</c> entries, which win over them (the last of one name wins). ConfigMaps are read from the included
/// manifests; one that is not among them, is there twice, or has unreadable data, a Secret and any other
/// <c>valueFrom</c> make the variable unknown. Names compare ignoring case, as .NET configuration reads them.
/// </summary>
internal sealed class ContainerEnvironment
{
    private readonly WorkloadEntry _workload;
    private readonly ContainerSpec _container;
    private readonly ImmutableArray<ConfigMapEntry> _configMaps;

    public ContainerEnvironment(WorkloadEntry workload, ContainerSpec container, ImmutableArray<ConfigMapEntry> configMaps)
    {
        _workload = workload;
        _container = container;
        _configMaps = configMaps;
    }

    public EnvValue Find(string name)
    {
        for (var i = _container.Env.Length - 1; i >= 0; i--)
        {
            var entry = _container.Env[i];
            if (Is(entry.Name.Text, name) && FromEntry(entry) is { } value)
            {
                return value;
            }
        }

        for (var i = _container.EnvFrom.Length - 1; i >= 0; i--)
        {
            var source = _container.EnvFrom[i];
            if (source.Prefix is { IsTemplate: true })
            {
                return EnvValue.Unknown;
            }

            var prefix = source.Prefix?.Text ?? string.Empty;
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (source.Kind != EnvFromKind.ConfigMap || ConfigMap(source.Name) is not { } configMap)
            {
                return EnvValue.Unknown;
            }

            var key = name.Substring(prefix.Length);
            if (configMap.ConfigMap.Data!.FirstOrDefault(pair => Is(pair.Key, key)) is { Value: { } data } found)
            {
                return EnvValue.At(data, prefix + found.Key + " from " + Describe(configMap), configMap.File, data.Span);
            }
        }

        return EnvValue.NotSet;
    }

    /// <summary>The entry's value; null when it sets nothing (an optional key its ConfigMap lacks), so that an earlier
    /// source stands.</summary>
    private EnvValue? FromEntry(EnvVar entry)
    {
        if (!entry.HasValueFrom)
        {
            return EnvValue.At(entry.Value, entry.Name.Text, _workload.File, entry.Span);
        }

        if (entry.ConfigMapKey is not { Key: { IsTemplate: false } key } reference || ConfigMap(reference.Name) is not { } configMap)
        {
            return EnvValue.Unknown;
        }

        if (configMap.ConfigMap.Data!.TryGetValue(key.Text, out var data))
        {
            return EnvValue.At(data, entry.Name.Text + " from " + Describe(configMap), configMap.File, data.Span);
        }

        // Without optional: true the kubelet does not start the container.
        return reference.IsOptional ? null : EnvValue.Unknown;
    }

    /// <summary>The one readable ConfigMap of that name in the workload's namespace; null when there is none or more.</summary>
    private ConfigMapEntry? ConfigMap(ManifestScalar? name)
    {
        if (name is null || name.IsTemplate)
        {
            return null;
        }

        var candidates = _configMaps
            .Where(entry => entry.ConfigMap.Name?.Text == name.Text && ManifestScalar.SameNamespace(entry.ConfigMap.Namespace, _workload.Workload.Namespace))
            .Take(2)
            .ToList();
        return candidates.Count == 1 && candidates[0].ConfigMap.Data is not null ? candidates[0] : null;
    }

    private static string Describe(ConfigMapEntry configMap) => "ConfigMap/" + configMap.ConfigMap.Name!.Text;

    private static bool Is(string first, string second) => string.Equals(first, second, StringComparison.OrdinalIgnoreCase);
}
