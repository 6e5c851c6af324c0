using System;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>
/// Reads a text into a model, with the per-text cache that every compilation shares: an edit in C# hands the analyzers
/// the same additional texts, so their models come from the cache instead of being read again.
/// </summary>
internal sealed class TextModelReader<TModel>
    where TModel : class
{
    public TextModelReader(Func<SourceText, TModel?> read)
    {
        Read = text =>
        {
            WorkCounters.AdditionalFileRead();
            return read(text);
        };
        Cache = new SourceTextValueProvider<TModel?>(Read);
    }

    /// <summary>Reads the text afresh.</summary>
    public Func<SourceText, TModel?> Read { get; }

    /// <summary>The cache to read through, with <c>TryGetValue</c> of an analysis context.</summary>
    public SourceTextValueProvider<TModel?> Cache { get; }
}
