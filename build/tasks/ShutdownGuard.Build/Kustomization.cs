using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ShutdownGuard.Build;

/// <summary>What a kustomization file refers to on disk, read without running Kustomize.</summary>
public static class Kustomization
{
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    // Entries that name another kustomization (a folder) or a remote one.
    private static readonly string[] ResourceFields = ["resources", "bases", "components"];

    // Entries that name files, or folders with a kustomization of their own (generators, transformers).
    private static readonly string[] FileListFields = ["patchesStrategicMerge", "crds", "configurations", "generators", "transformers", "validators"];

    private static readonly string[] PathMapListFields = ["patches", "patchesJson6902", "replacements"];

    private static readonly string[] GeneratorFields = ["configMapGenerator", "secretGenerator"];

    /// <summary>The kustomization file of <paramref name="directory"/>, or null when it has none.</summary>
    public static string? FileIn(string directory) =>
        FileNames.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    /// <summary>An entry Kustomize would fetch over the network.</summary>
    public static bool IsRemote(string entry) =>
        entry.Contains("://")
        || entry.StartsWith("git@", StringComparison.Ordinal)
        || entry.Contains("?ref=")
        || entry.StartsWith("github.com/", StringComparison.Ordinal)
        || entry.StartsWith("gitlab.com/", StringComparison.Ordinal)
        || entry.StartsWith("bitbucket.org/", StringComparison.Ordinal);

    /// <summary>The local folders whose kustomization this one builds on (resources, bases, components).</summary>
    public static IEnumerable<string> ReferencedDirectories(string kustomizationFile)
    {
        var directory = Path.GetDirectoryName(kustomizationFile)!;
        var root = Read(kustomizationFile);
        return ResourceFields
            .SelectMany(field => Scalars(root, field))
            .Where(entry => !IsRemote(entry))
            .Select(entry => Path.GetFullPath(Path.Combine(directory, entry)))
            .Where(Directory.Exists);
    }

    /// <summary>
    /// Every kustomization reached from <paramref name="kustomizationFile"/> through local entries, and the files
    /// they name, into <paramref name="inputs"/>; returns the remote entries met on the way, with the file naming each.
    /// </summary>
    public static List<(string Entry, string File)> Walk(string kustomizationFile, ISet<string> inputs)
    {
        var remote = new List<(string Entry, string File)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(kustomizationFile));
        while (pending.Count > 0)
        {
            var file = pending.Pop();
            if (!visited.Add(file))
            {
                continue;
            }

            inputs.Add(file);
            var directory = Path.GetDirectoryName(file)!;
            var root = Read(file);
            foreach (var entry in ResourceFields.Concat(FileListFields).SelectMany(field => Scalars(root, field)))
            {
                if (IsRemote(entry))
                {
                    remote.Add((entry, file));
                }
                else if (!entry.Contains("\n"))
                {
                    AddLocal(Path.Combine(directory, entry), inputs, pending);
                }
            }

            foreach (var entry in PathMapListFields.SelectMany(field => Mappings(root, field)).SelectMany(mapping => Scalars(mapping, "path")))
            {
                AddLocal(Path.Combine(directory, entry), inputs, pending);
            }

            foreach (var generator in GeneratorFields.SelectMany(field => Mappings(root, field)))
            {
                // files: entries are "path" or "key=path".
                var files = Scalars(generator, "files").Select(entry => entry.Substring(entry.IndexOf('=') + 1));
                foreach (var entry in files.Concat(Scalars(generator, "envs")).Concat(Scalars(generator, "env")))
                {
                    AddLocal(Path.Combine(directory, entry), inputs, pending);
                }
            }

            if (root is not null && root.Children.TryGetValue(new YamlScalarNode("openapi"), out var openapi) && openapi is YamlMappingNode openapiMapping)
            {
                foreach (var entry in Scalars(openapiMapping, "path"))
                {
                    AddLocal(Path.Combine(directory, entry), inputs, pending);
                }
            }
        }

        return remote;
    }

    private static void AddLocal(string path, ISet<string> inputs, Stack<string> pending)
    {
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            inputs.Add(fullPath);
        }
        else if (Directory.Exists(fullPath) && FileIn(fullPath) is { } nested)
        {
            pending.Push(Path.GetFullPath(nested));
        }
    }

    // A kustomization Kustomize cannot read either fails when the tool runs; here it just names nothing.
    private static YamlMappingNode? Read(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Scalars(YamlMappingNode? mapping, string field)
    {
        if (mapping is null || !mapping.Children.TryGetValue(new YamlScalarNode(field), out var node))
        {
            return [];
        }

        return node switch
        {
            YamlScalarNode { Value: { Length: > 0 } value } => [value],
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(scalar => scalar.Value).OfType<string>().Where(value => value.Length > 0),
            _ => [],
        };
    }

    private static IEnumerable<YamlMappingNode> Mappings(YamlMappingNode? mapping, string field) =>
        mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(field), out var node) && node is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlMappingNode>()
            : [];
}
