using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Rendering;

/// <summary>Where a part of a rendered file came from: a span of a template, values file, resource or patch.</summary>
internal sealed class SourcePlace
{
    public SourcePlace(AdditionalFileText file, TextSpan span, bool isLiteral, SourcePlace? valueSource = null)
    {
        File = file;
        Span = span;
        IsLiteral = isLiteral;
        ValueSource = valueSource;
    }

    /// <summary>For a key whose value came from elsewhere (a template key rendering a block of values): that place, which
    /// a finding at the key names as an additional location.</summary>
    public SourcePlace? ValueSource { get; }

    public AdditionalFileText File { get; }

    public TextSpan Span { get; }

    /// <summary>The span is a literal that holds the rendered value: a fix may rewrite it. False for keys, computed
    /// values and places that only name the file.</summary>
    public bool IsLiteral { get; }

    public Location GetLocation() => File.GetLocation(Span);
}
