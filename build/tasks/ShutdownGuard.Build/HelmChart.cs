using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ShutdownGuard.Build;

/// <summary>What the build checks of a chart folder before running Helm.</summary>
public static class HelmChart
{
    public const string ChartFileName = "Chart.yaml";

    /// <summary>A chart inside another chart's charts/ folder is rendered by its parent, never alone.</summary>
    public static bool IsSubchart(string chartDirectory)
    {
        for (var directory = Directory.GetParent(chartDirectory); directory?.Parent is not null; directory = directory.Parent)
        {
            if (directory.Name == "charts" && File.Exists(Path.Combine(directory.Parent.FullName, ChartFileName)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The dependencies Chart.yaml lists that are neither a folder nor a packaged chart in charts/: Helm fails on
    /// them, and only <c>helm dependency build</c>, which downloads them, would help.
    /// </summary>
    public static IReadOnlyList<string> UnvendoredDependencies(string chartDirectory)
    {
        var chartsDirectory = Path.Combine(chartDirectory, "charts");
        return DependencyNames(Path.Combine(chartDirectory, ChartFileName))
            .Where(name => !Directory.Exists(Path.Combine(chartsDirectory, name))
                && !(Directory.Exists(chartsDirectory) && Directory.EnumerateFiles(chartsDirectory, name + "-*.tgz").Any()))
            .ToList();
    }

    private static IEnumerable<string> DependencyNames(string chartFile)
    {
        YamlMappingNode? root;
        try
        {
            using var reader = new StreamReader(chartFile);
            var stream = new YamlStream();
            stream.Load(reader);
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException)
        {
            // Helm reports an unreadable Chart.yaml itself.
            return [];
        }

        if (root is null || !root.Children.TryGetValue(new YamlScalarNode("dependencies"), out var dependencies) || dependencies is not YamlSequenceNode list)
        {
            return [];
        }

        return list.Children.OfType<YamlMappingNode>()
            .Select(dependency => dependency.Children.TryGetValue(new YamlScalarNode("name"), out var name) ? (name as YamlScalarNode)?.Value : null)
            .OfType<string>()
            .ToList();
    }
}
