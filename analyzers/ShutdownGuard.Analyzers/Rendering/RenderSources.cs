using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>The documents of a YAML file that renders read from (values files, resources, patches), read once per text;
/// null when the text is not valid YAML.</summary>
internal sealed class YamlDocuments
{
    public static readonly TextModelReader<YamlDocuments> Reader = new(Read);

    private YamlDocuments(ImmutableArray<YNode> roots)
    {
        Roots = roots;
    }

    public ImmutableArray<YNode> Roots { get; }

    private static YamlDocuments? Read(SourceText text)
    {
        if (text.Length > ManifestReader.MaxChars)
        {
            return null;
        }

        var roots = ImmutableArray.CreateBuilder<YNode>();
        return YamlTree.Parse(text.ToString(), roots.Add, CancellationToken.None) is null ? new YamlDocuments(roots.ToImmutable()) : null;
    }
}

/// <summary>
/// The project's files as a render's source: found by path among the additional files, with their models read through the
/// per-text cache. Built once per compilation and asked only when a finding in rendered output is reported.
/// </summary>
internal sealed class RenderSources
{
    private readonly ImmutableArray<AdditionalText> _files;
    private readonly string? _projectDirectory;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentDictionary<string, AdditionalFileText?> _texts = new(FilePath.Comparer);
    private readonly ConcurrentDictionary<(string Path, TextSpan Span), ImmutableSortedSet<string>> _rendersAt = new();
    private readonly ConcurrentDictionary<(string Path, TextSpan Span), SourcePlace> _valueSources = new();
    private Dictionary<string, AdditionalText>? _byPath;
    private AdditionalFileText? _projectFile;

    public RenderSources(ProjectRenders renders, ImmutableArray<AdditionalText> files, string? projectDirectory, TextModels models, CancellationToken cancellationToken)
    {
        Renders = renders;
        _files = files;
        _projectDirectory = projectDirectory;
        Models = models;
        _cancellationToken = cancellationToken;
    }

    public ProjectRenders Renders { get; }

    /// <summary>The project file, located without its text (it is no additional file).</summary>
    public AdditionalFileText ProjectFile => _projectFile ??= new AdditionalFileText(Renders.ProjectFile, FilePath.Display(Renders.ProjectFile, _projectDirectory), SourceText.From(string.Empty));

    public TextModels Models { get; }

    /// <summary>The additional file at <paramref name="fullPath"/>; null when the project does not include it.</summary>
    public AdditionalFileText? File(string fullPath) => _texts.GetOrAdd(FilePath.Normalize(fullPath), Load);

    /// <summary>The YAML documents of a file; null when it is not valid YAML.</summary>
    public YamlDocuments? Yaml(AdditionalFileText file) => Models.Read(YamlDocuments.Reader, file.Text);

    /// <summary>Remembers that a render's finding stands at the place, so one finding of several renders is reported once
    /// and names them all.</summary>
    public void NoteRender(SourcePlace place, Render render)
    {
        var key = (FilePath.Normalize(place.File.Path), place.Span);
        _rendersAt.AddOrUpdate(key, ImmutableSortedSet.Create(System.StringComparer.Ordinal, render.Describe()), (_, names) => names.Add(render.Describe()));
        if (place.ValueSource is { } valueSource)
        {
            _valueSources.TryAdd(key, valueSource);
        }
    }

    /// <summary>Where the value of the key at the location came from, when a render traced it elsewhere.</summary>
    public SourcePlace? ValueSourceAt(Location location) =>
        _valueSources.TryGetValue((FilePath.Normalize(location.GetLineSpan().Path), location.SourceSpan), out var place) ? place : null;

    /// <summary>The renders whose findings stand at the location; empty when none does.</summary>
    public ImmutableSortedSet<string> RendersAt(Location location) =>
        location.IsInSource || location.Kind == LocationKind.ExternalFile
            ? _rendersAt.TryGetValue((FilePath.Normalize(location.GetLineSpan().Path), location.SourceSpan), out var names) ? names : ImmutableSortedSet<string>.Empty
            : ImmutableSortedSet<string>.Empty;

    private AdditionalFileText? Load(string normalizedPath)
    {
        var byPath = _byPath ??= _files.GroupBy(file => FilePath.Normalize(file.Path), FilePath.Comparer).ToDictionary(group => group.Key, group => group.First(), FilePath.Comparer);
        return byPath.TryGetValue(normalizedPath, out var file) && file.GetText(_cancellationToken) is { } text
            ? new AdditionalFileText(file.Path, FilePath.Display(file.Path, _projectDirectory), text)
            : null;
    }
}
