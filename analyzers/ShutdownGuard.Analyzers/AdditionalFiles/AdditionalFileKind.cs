using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>How a text is read with the reader its path calls for: through the start context's cache in the analyzers
/// (<see cref="AdditionalFileKind{TModel}.CachedIn"/>), afresh in tests.</summary>
internal delegate TModel? ReadText<TModel>(TextModelReader<TModel> reader, SourceText text)
    where TModel : class;

/// <summary>One kind of additional file (manifests, Dockerfiles, appsettings): the paths it claims and how each is read.</summary>
internal sealed class AdditionalFileKind<TModel>
    where TModel : class
{
    private readonly Func<string, TextModelReader<TModel>?> _readerFor;

    /// <param name="readerFor">The reader for a path; null when the path is not of this kind.</param>
    public AdditionalFileKind(Func<string, TextModelReader<TModel>?> readerFor)
    {
        _readerFor = readerFor;
    }

    /// <summary>Reads every text through the start context's per-text cache.</summary>
    [SuppressMessage("MicrosoftCodeAnalysisPerformance", "RS1012", Justification = "Reads the start context's cache; the caller registers the actions.")]
    public static ReadText<TModel> CachedIn(CompilationStartAnalysisContext context) =>
        (reader, text) => context.TryGetValue(text, reader.Cache, out var model) ? model : null;

    /// <summary>One additional file as this kind; null when it is not one or its text cannot be read.</summary>
    /// <param name="projectDirectory">Display paths are relative to it; null shows file names.</param>
    public AdditionalFileEntry<TModel>? Read(AdditionalText file, string? projectDirectory, ReadText<TModel> read, CancellationToken cancellationToken) =>
        _readerFor(file.Path) is { } reader && file.GetText(cancellationToken) is { } text && read(reader, text) is { } model
            ? new AdditionalFileEntry<TModel>(file.Path, DisplayPath(file.Path, projectDirectory), text, model)
            : null;

    /// <summary>Every file of this kind, sorted by path for deterministic output.</summary>
    public ImmutableArray<AdditionalFileEntry<TModel>> ReadAll(ImmutableArray<AdditionalText> files, string? projectDirectory, ReadText<TModel> read, CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<AdditionalFileEntry<TModel>>();
        foreach (var file in files.OrderBy(file => file.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Read(file, projectDirectory, read, cancellationToken) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries.ToImmutable();
    }

    /// <summary>The path relative to <paramref name="projectDirectory"/> when the file lies inside it, else the file name.</summary>
    private static string DisplayPath(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        var folder = string.IsNullOrEmpty(projectDirectory) ? null : projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
        return folder is not null && normalized.StartsWith(folder, StringComparison.OrdinalIgnoreCase)
            ? normalized.Substring(folder.Length)
            : System.IO.Path.GetFileName(path);
    }
}
