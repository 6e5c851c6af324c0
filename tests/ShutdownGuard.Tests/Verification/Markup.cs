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
    /// <summary>The text without markup and the span marked <c>#0</c>, <c>#1</c>, … by <paramref name="key"/>.</summary>
    public static (string Text, TextSpan Span) Parse(string markup, int key = 0)
    {
        TestFileMarkupParser.GetSpans(markup, out var text, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        return (text, Assert.Single(spans["#" + key]));
    }
}
