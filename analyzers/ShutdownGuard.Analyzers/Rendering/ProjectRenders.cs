using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Rendering;

/// <summary>
/// The renders of one project, from its render index, with paths resolved against the project folder: which files a
/// render reads (they are not read raw), which additional files are rendered output, and which renders failed.
/// </summary>
internal sealed class ProjectRenders
{
    private readonly Dictionary<string, Render> _renderOfInput = new(FilePath.Comparer);
    private readonly Dictionary<string, Render> _renderOfOutput = new(FilePath.Comparer);
    private readonly HashSet<string> _outputs = new(FilePath.Comparer);

    private ProjectRenders(RenderIndex index, string projectDirectory)
    {
        ProjectDirectory = FilePath.Normalize(projectDirectory);
        ProjectFile = FullPath(index.Project ?? ".");
        Renders = index.Renders;
        foreach (var render in index.Renders)
        {
            foreach (var input in render.Inputs)
            {
                _renderOfInput[FullPath(input)] = render;
            }

            if (render.Output is { } output)
            {
                _outputs.Add(FullPath(output));
                if (render.Status == RenderStatus.Rendered)
                {
                    _renderOfOutput[FullPath(output)] = render;
                }
            }
        }
    }

    public string ProjectDirectory { get; }

    /// <summary>The project file: where a value given on the build's command line (Helm's <c>--set</c>) stands.</summary>
    public string ProjectFile { get; }

    public ImmutableArray<Render> Renders { get; }

    /// <summary>The project's renders; null when the project has no render index (rendering off, or no build has run yet),
    /// or the project folder is unknown: every file is then read as written.</summary>
    public static ProjectRenders? Read(ImmutableArray<AdditionalText> files, string? projectDirectory, TextModels models, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(projectDirectory))
        {
            return null;
        }

        // One index per project; should a project list more, the first by path is read, as everywhere else.
        var indexFile = files.Where(file => RenderIndex.IsIndexPath(file.Path)).OrderBy(file => file.Path, System.StringComparer.Ordinal).FirstOrDefault();
        return indexFile?.GetText(cancellationToken) is { } text && models.Read(RenderIndex.Reader, text) is { } index
            ? new ProjectRenders(index, projectDirectory!)
            : null;
    }

    /// <summary>A path of the index as a full path.</summary>
    public string FullPath(string projectRelative) => FilePath.Combine(ProjectDirectory, projectRelative);

    /// <summary>A render reads the file, and what it made of it (or why it failed) stands instead of the file as written;
    /// a render whose tool is missing reads nothing, so its files are read as written.</summary>
    public bool Consumes(string path) =>
        _renderOfInput.TryGetValue(FilePath.Normalize(path), out var render) && render.Status != RenderStatus.MissingTool;

    /// <summary>The render that could not run because its tool is missing, when it would read the file.</summary>
    public Render? MissingToolFor(string path) =>
        _renderOfInput.TryGetValue(FilePath.Normalize(path), out var render) && render.Status == RenderStatus.MissingTool ? render : null;

    /// <summary>The render whose output the file is; null when it is not rendered output.</summary>
    public Render? RenderedInto(string path) => _renderOfOutput.TryGetValue(FilePath.Normalize(path), out var render) ? render : null;

    /// <summary>Rendered output of any render the index lists: never analysed as written, never a place for a finding.</summary>
    public bool IsOutput(string path) => _outputs.Contains(FilePath.Normalize(path));

    /// <summary>The failed render reported at this file: the chart's <c>Chart.yaml</c>, the root's kustomization file.</summary>
    public IEnumerable<Render> FailuresReportedAt(string path)
    {
        var normalized = FilePath.Normalize(path);
        return Renders.Where(render => render.Status == RenderStatus.Failed && FilePath.Comparer.Equals(ReportedAt(render), normalized));
    }

    /// <summary>The file that stands for the render as a whole.</summary>
    public string ReportedAt(Render render) =>
        render.Kind == RenderKind.Helm ? FullPath(render.Source.TrimEnd('/') + "/Chart.yaml") : FullPath(render.Source);
}
