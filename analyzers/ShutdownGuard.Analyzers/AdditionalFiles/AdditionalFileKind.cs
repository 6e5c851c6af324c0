using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.AdditionalFiles;

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

    /// <summary>One additional file as this kind; null when it is not one or its text cannot be read.</summary>
    /// <param name="projectDirectory">Display paths are relative to it; null shows file names.</param>
    public AdditionalFileEntry<TModel>? Read(AdditionalText file, string? projectDirectory, TextModels models, CancellationToken cancellationToken) =>
        _readerFor(file.Path) is { } reader && file.GetText(cancellationToken) is { } text && models.Read(reader, text) is { } model
            ? new AdditionalFileEntry<TModel>(file.Path, FilePath.Display(file.Path, projectDirectory), text, model)
            : null;

    /// <summary>Every file of this kind, sorted by path for deterministic output.</summary>
    public ImmutableArray<AdditionalFileEntry<TModel>> ReadAll(ImmutableArray<AdditionalText> files, string? projectDirectory, TextModels models, CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<AdditionalFileEntry<TModel>>();
        foreach (var file in files.OrderBy(file => file.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Read(file, projectDirectory, models, cancellationToken) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries.ToImmutable();
    }
}
