using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

internal enum RenderKind
{
    Helm,
    Kustomize,
}

internal enum RenderStatus
{
    Rendered,
    Failed,
    MissingTool,
}

/// <summary>One Helm release or Kustomize root as the build rendered it. Paths are relative to the project folder, with
/// <c>/</c> separators, as the index writes them.</summary>
internal sealed class Render
{
    public Render(RenderKind kind, string name, string source, RenderStatus status, string tool, string? error, ImmutableArray<string> valueFiles, ImmutableArray<string> set, ImmutableArray<string> inputs, string? output)
    {
        Kind = kind;
        Name = name;
        Source = source;
        Status = status;
        Tool = tool;
        Error = error;
        ValueFiles = valueFiles;
        Set = set;
        Inputs = inputs;
        Output = output;
    }

    public RenderKind Kind { get; }

    /// <summary>The release name (Helm) or the root folder (Kustomize).</summary>
    public string Name { get; }

    /// <summary>The chart folder (Helm) or the root's kustomization file (Kustomize).</summary>
    public string Source { get; }

    public RenderStatus Status { get; }

    /// <summary>The program that ran or would run (<c>helm</c>, <c>kubectl</c>, <c>kustomize</c>).</summary>
    public string Tool { get; }

    /// <summary>For a failed render: the tool's first error line, or why the build did not run it.</summary>
    public string? Error { get; }

    /// <summary>Helm's values files in the order they apply: the chart's own first, a later one wins.</summary>
    public ImmutableArray<string> ValueFiles { get; }

    /// <summary>Helm's <c>--set</c> expressions.</summary>
    public ImmutableArray<string> Set { get; }

    /// <summary>The project's files this render reads: they are not read raw.</summary>
    public ImmutableArray<string> Inputs { get; }

    /// <summary>The rendered file, when one exists (kept from an earlier render when the tool is now missing).</summary>
    public string? Output { get; }

    /// <summary>How messages name it: <c>release prod</c>, <c>overlay deploy/overlays/prod</c>.</summary>
    public string Describe() => (Kind == RenderKind.Helm ? "release " : "overlay ") + Name;

    /// <summary>The property that points the build at the tool, for messages.</summary>
    public string ToolProperty => Kind == RenderKind.Helm ? "ShutdownGuardHelmPath" : "ShutdownGuardKustomizePath";
}

/// <summary>
/// The index the build writes after rendering (<c>obj/…/shutdownguard/shutdownguard.renders.json</c>): every render, its
/// status and its files. It is the analyzer's only view of rendering: no tool runs in the analyzer, and the index is
/// read once per text like every additional file.
/// </summary>
internal sealed class RenderIndex
{
    public const string FileName = "shutdownguard.renders.json";

    private const int Version = 1;

    public static readonly TextModelReader<RenderIndex> Reader = new(text => Read(text, CancellationToken.None));

    private RenderIndex(string? project, ImmutableArray<Render> renders)
    {
        Project = project;
        Renders = renders;
    }

    /// <summary>The project file, relative to the project folder.</summary>
    public string? Project { get; }

    public ImmutableArray<Render> Renders { get; }

    public static bool IsIndexPath(string path) => System.IO.Path.GetFileName(path).Equals(FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the build writes a render (<c>…/shutdownguard/3/rendered.yaml</c>): without an index that names it,
    /// its origin is unknown, and it is not analysed rather than reported in <c>obj/</c>.</summary>
    public static bool IsOutputPath(string path)
    {
        var segments = FilePath.Normalize(path).Split('/');
        return segments.Length >= 3
            && segments[segments.Length - 1].Equals("rendered.yaml", StringComparison.OrdinalIgnoreCase)
            && segments[segments.Length - 2].Length > 0 && segments[segments.Length - 2].All(char.IsDigit)
            && segments[segments.Length - 3].Equals("shutdownguard", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The index in <paramref name="text"/>; null when it is not an index of a version this analyzer knows (a
    /// newer build target, a broken file): rendering is then unknown and every file is read as written.</summary>
    internal static RenderIndex? Read(SourceText text, CancellationToken cancellationToken)
    {
        YNode? root = null;
        if (text.Length > ManifestReader.MaxChars || YamlTree.Parse(text.ToString(), document => root ??= document, cancellationToken) is not null)
        {
            return null;
        }

        if (root is not YMapping index || Text(index, "version") != Version.ToString(System.Globalization.CultureInfo.InvariantCulture) || index.Child("renders") is not YSequence renders)
        {
            return null;
        }

        var builder = ImmutableArray.CreateBuilder<Render>();
        foreach (var item in renders.Values)
        {
            if (item is YMapping render && ReadRender(render) is { } read)
            {
                builder.Add(read);
            }
        }

        return new RenderIndex(Text(index, "project"), builder.ToImmutable());
    }

    private static Render? ReadRender(YMapping render)
    {
        RenderKind? kind = Text(render, "kind") switch { "helm" => RenderKind.Helm, "kustomize" => RenderKind.Kustomize, _ => null };
        RenderStatus? status = Text(render, "status") switch { "rendered" => RenderStatus.Rendered, "failed" => RenderStatus.Failed, "missingTool" => RenderStatus.MissingTool, _ => null };
        return kind is { } knownKind && status is { } knownStatus && Text(render, "name") is { } name && Text(render, "source") is { } source
            ? new Render(knownKind, name, source, knownStatus, Text(render, "tool") ?? string.Empty, Text(render, "error"), Texts(render, "valueFiles"), Texts(render, "set"), Texts(render, "inputs"), Text(render, "output"))
            : null;
    }

    private static string? Text(YMapping mapping, string key) => YNode.TextOf(mapping.Child(key));

    private static ImmutableArray<string> Texts(YMapping mapping, string key) =>
        mapping.Child(key) is YSequence sequence
            ? sequence.Values.OfType<YScalar>().Where(scalar => !scalar.IsNull).Select(scalar => scalar.Value).ToImmutableArray()
            : ImmutableArray<string>.Empty;
}
