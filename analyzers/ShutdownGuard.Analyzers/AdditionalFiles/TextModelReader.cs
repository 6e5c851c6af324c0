using System;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>
/// Reads a text into a model, with the per-text cache that every compilation shares: an edit in C# hands the analyzers
/// the same additional texts, so their models come from the cache instead of being read again. Behind it, the models of
/// recent texts are found again by content (<see cref="ContentCache{TModel}"/>): a build hands the analyzers new texts.
/// </summary>
internal sealed class TextModelReader<TModel>
    where TModel : class
{
    private readonly ContentCache<TModel> _byContent = new();

    public TextModelReader(Func<SourceText, TModel?> read)
    {
        Read = text =>
        {
            WorkCounters.AdditionalFileRead();
            return read(text);
        };
        Cache = new SourceTextValueProvider<TModel?>(text => _byContent.GetOrRead(text, Read));
    }

    /// <summary>Reads the text afresh.</summary>
    public Func<SourceText, TModel?> Read { get; }

    /// <summary>The cache to read through, with <c>TryGetValue</c> of an analysis context.</summary>
    public SourceTextValueProvider<TModel?> Cache { get; }
}
