using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ShutdownGuard.Options;

namespace ShutdownGuard.Manifests;

/// <summary>A container that runs the project being compiled, with its workload.</summary>
internal sealed class ContainerMatch
{
    public ContainerMatch(WorkloadEntry workload, ContainerSpec container, ImmutableArray<ConfigMapEntry> configMaps)
    {
        Workload = workload;
        Container = container;
        Environment = new ContainerEnvironment(workload, container, configMaps);
    }

    public WorkloadEntry Workload { get; }

    public ContainerSpec Container { get; }

    /// <summary>The container's environment variables as Kubernetes sets them.</summary>
    public ContainerEnvironment Environment { get; }
}

/// <summary>
/// Finds the containers that run this project: the <c>ShutdownGuardWorkload</c> property if set; else containers
/// whose name, or whose image's last path segment, equals the assembly or project name or its last dotted segment
/// (ignoring case and every non-alphanumeric character); else the only container of the only workload.
/// </summary>
internal static class WorkloadMatcher
{
    public static ImmutableArray<ContainerMatch> Match(ManifestSet manifests, WorkloadSelector? selector, IEnumerable<string?> projectNames)
    {
        if (manifests.Workloads.IsEmpty)
        {
            return ImmutableArray<ContainerMatch>.Empty;
        }

        return selector is not null
            ? MatchSelector(manifests, selector, projectNames)
            : MatchByName(manifests, projectNames);
    }

    /// <summary><c>Orders.Api</c> → <c>ordersapi</c>, also <c>api</c>.</summary>
    public static ImmutableHashSet<string> NameKeys(IEnumerable<string?> projectNames)
    {
        var keys = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var name in projectNames)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            AddKey(keys, name!);
            var lastDot = name!.LastIndexOf('.');
            if (lastDot >= 0 && lastDot < name.Length - 1)
            {
                AddKey(keys, name.Substring(lastDot + 1));
            }
        }

        return keys.ToImmutable();
    }

    /// <summary>Lower-case letters and digits only: <c>Orders.Api</c> and <c>orders-api</c> both give <c>ordersapi</c>.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            if (char.IsLetterOrDigit(character))
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }

        return builder.ToString();
    }

    /// <summary><c>registry:5000/team/orders-api:1.2@sha256:…</c> → <c>orders-api</c>.</summary>
    public static string ImageName(string image)
    {
        var digest = image.IndexOf('@');
        if (digest >= 0)
        {
            image = image.Substring(0, digest);
        }

        var lastSlash = image.LastIndexOf('/');
        if (lastSlash >= 0)
        {
            image = image.Substring(lastSlash + 1);
        }

        var tag = image.IndexOf(':');
        return tag >= 0 ? image.Substring(0, tag) : image;
    }

    private static void AddKey(ImmutableHashSet<string>.Builder keys, string name)
    {
        var key = Normalize(name);
        if (key.Length > 0)
        {
            keys.Add(key);
        }
    }

    private static ImmutableArray<ContainerMatch> MatchByName(ManifestSet manifests, IEnumerable<string?> projectNames)
    {
        var keys = NameKeys(projectNames);
        var matches = ImmutableArray.CreateBuilder<ContainerMatch>();
        foreach (var workload in manifests.Workloads)
        {
            foreach (var container in workload.Workload.Pod.Containers)
            {
                if (IsNamedFor(container, keys))
                {
                    matches.Add(new ContainerMatch(workload, container, manifests.ConfigMaps));
                }
            }
        }

        if (matches.Count == 0 && OnlyWorkloads(manifests) is { } only)
        {
            matches.AddRange(only.Select(workload => new ContainerMatch(workload, workload.Workload.Pod.Containers[0], manifests.ConfigMaps)));
        }

        return matches.ToImmutable();
    }

    /// <summary>The only workload, when it has one container; for a chart or overlay rendered several times (one render per
    /// environment), the only workload of each render, when every render holds one such and nothing else holds any.</summary>
    private static IReadOnlyList<WorkloadEntry>? OnlyWorkloads(ManifestSet manifests)
    {
        var workloads = manifests.Workloads;
        if (workloads.Any(workload => workload.Workload.Pod.Containers.Length != 1))
        {
            return null;
        }

        if (workloads.Length == 1)
        {
            return workloads;
        }

        var renders = workloads.Select(workload => workload.File.Origin?.Render).ToList();
        return renders.All(render => render is not null)
            && renders.Select(render => render!.Source).Distinct(StringComparer.Ordinal).Count() == 1
            && renders.Distinct().Count() == renders.Count
                ? workloads
                : null;
    }

    /// <summary>Every workload of that kind and name: one per render when a chart or overlay is rendered for several
    /// environments under the same name. A Kustomize overlay's object also answers to the name its resource file gives
    /// it, before the overlay's name prefix or suffix.</summary>
    private static ImmutableArray<ContainerMatch> MatchSelector(ManifestSet manifests, WorkloadSelector selector, IEnumerable<string?> projectNames)
    {
        var matches = ImmutableArray.CreateBuilder<ContainerMatch>();
        foreach (var workload in manifests.Workloads.Where(entry =>
            string.Equals(entry.Workload.Kind, selector.Kind, StringComparison.OrdinalIgnoreCase)
            && (string.Equals(entry.Workload.Name?.Text, selector.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(entry.File.Origin?.NameAsWritten(entry.Workload.KindSpan), selector.Name, StringComparison.OrdinalIgnoreCase))))
        {
            if (SelectedContainer(workload, selector, projectNames) is { } container)
            {
                matches.Add(new ContainerMatch(workload, container, manifests.ConfigMaps));
            }
        }

        return matches.ToImmutable();
    }

    private static ContainerSpec? SelectedContainer(WorkloadEntry workload, WorkloadSelector selector, IEnumerable<string?> projectNames)
    {
        var containers = workload.Workload.Pod.Containers;
        if (containers.IsEmpty)
        {
            return null;
        }

        ContainerSpec? container;
        if (selector.Container is not null)
        {
            container = containers.FirstOrDefault(candidate => string.Equals(candidate.Name?.Text, selector.Container, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            // The app's container by name when the pod has sidecars; else the first, where the app usually stands.
            var keys = NameKeys(projectNames);
            container = containers.FirstOrDefault(candidate => IsNamedFor(candidate, keys)) ?? containers[0];
        }

        return container;
    }

    private static bool IsNamedFor(ContainerSpec container, ImmutableHashSet<string> keys) =>
        (container.Name is { } name && keys.Contains(Normalize(name.Text)))
        || (container.Image is { } image && keys.Contains(Normalize(ImageName(image.Text))));
}
