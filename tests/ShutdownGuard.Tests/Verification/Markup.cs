using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Tests.Verification;

/// <summary>
/// Test texts marked as the analyzer tests mark them: <c>{|#0:…|}</c> stands around the span the test expects, so no
/// line or column is counted by hand.
/// </summary>
internal static class Markup
{
    /// <summary>The text without markup and the span marked <c>#0</c>.</summary>
    public static (string Text, TextSpan Span) Parse(string markup)
    {
        var (text, spans) = ParseAll(markup);
        return (text, Assert.Single(spans));
    }

    /// <summary>The text without markup and the spans marked <c>#0</c>, <c>#1</c>, … in the order of their keys.</summary>
    public static (string Text, ImmutableArray<TextSpan> Spans) ParseAll(string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out var text, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        return (text, Enumerable.Range(0, spans.Count).Select(key => Assert.Single(spans["#" + key])).ToImmutableArray());
    }
}
