using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>How a text becomes a model: through the analysis context's per-text cache in the analyzers
/// (<see cref="CachedIn"/>), afresh in tests (<see cref="Fresh"/>).</summary>
internal abstract class TextModels
{
    /// <summary>Reads every text anew: for tests, which have no analysis context whose cache they could read through.</summary>
    public static TextModels Fresh { get; } = new FreshModels();

    /// <summary>Reads every text through the start context's per-text cache, also after compilation start (a finding in
    /// a rendered file is traced back to its chart only when it is reported).</summary>
    [SuppressMessage("MicrosoftCodeAnalysisPerformance", "RS1012", Justification = "Reads the start context's cache; the caller registers the actions.")]
    public static TextModels CachedIn(CompilationStartAnalysisContext context) => new CachedModels(context);

    public abstract TModel? Read<TModel>(TextModelReader<TModel> reader, SourceText text)
        where TModel : class;

    private sealed class FreshModels : TextModels
    {
        public override TModel? Read<TModel>(TextModelReader<TModel> reader, SourceText text)
            where TModel : class => reader.Read(text);
    }

    private sealed class CachedModels : TextModels
    {
        private readonly CompilationStartAnalysisContext _context;

        [SuppressMessage("MicrosoftCodeAnalysisPerformance", "RS1012", Justification = "Reads the start context's cache; the caller registers the actions.")]
        public CachedModels(CompilationStartAnalysisContext context)
        {
            _context = context;
        }

        public override TModel? Read<TModel>(TextModelReader<TModel> reader, SourceText text)
            where TModel : class => _context.TryGetValue(text, reader.Cache, out var model) ? model : null;
    }
}
