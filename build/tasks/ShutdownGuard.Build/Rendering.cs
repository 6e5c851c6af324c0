using System.Collections.Generic;

namespace ShutdownGuard.Build;

public static class RenderKind
{
    public const string Helm = "helm";
    public const string Kustomize = "kustomize";
}

public static class RenderStatus
{
    public const string Rendered = "rendered";
    public const string Failed = "failed";
    public const string MissingTool = "missingTool";
}

/// <summary>One run of a tool: a Helm release of a chart, or a Kustomize root.</summary>
public sealed class Rendering
{
    public Rendering(string kind, string name, string source)
    {
        Kind = kind;
        Name = name;
        Source = source;
    }

    public string Kind { get; }

    /// <summary>The release name (Helm) or the root folder, relative to the project (Kustomize).</summary>
    public string Name { get; }

    /// <summary>The chart folder (Helm) or the root's kustomization file (Kustomize), relative to the project.</summary>
    public string Source { get; }

    public Tool Tool { get; set; } = Tool.Missing("");

    public List<string> Arguments { get; } = [];

    /// <summary>Helm's values files in the order they apply, the chart's own values.yaml first; relative to the project.</summary>
    public List<string> ValueFiles { get; } = [];

    public List<string> Set { get; } = [];

    /// <summary>Full paths of the files the tool reads.</summary>
    public SortedSet<string> Inputs { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Why the tool is not run: what the build found wrong before running it.</summary>
    public string? Failure { get; set; }

    /// <summary>Kustomize: the root folder, as the wrapper kustomization in <see cref="Directory"/> names it.</summary>
    public string? WrapperResource { get; set; }

    /// <summary>The folder of this rendering's files under the render folder, numbered by its place in the sorted list.</summary>
    public string Directory { get; set; } = "";

    /// <summary>What identifies the rendering whose output a folder holds.</summary>
    public string Identity => Kind + "\n" + Source + "\n" + Name + "\n";
}

/// <summary>A rendering tool: its file name, and its full path when it is installed.</summary>
public sealed class Tool
{
    private Tool(string name, string? path)
    {
        Name = name;
        Path = path;
    }

    public string Name { get; }

    public string? Path { get; }

    public static Tool Found(string path) => new(System.IO.Path.GetFileName(path), path);

    public static Tool Missing(string name) => new(name, null);
}
