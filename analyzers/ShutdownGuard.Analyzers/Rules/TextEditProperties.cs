using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Rules;

/// <summary>
/// A fix computed by the analyzer, carried in the diagnostic's properties: code fixes for files that are not C#
/// apply it as it is and never parse the file again.
/// </summary>
internal static class TextEditProperties
{
    private const string Start = "ShutdownGuard.EditStart";
    private const string Length = "ShutdownGuard.EditLength";
    private const string NewText = "ShutdownGuard.EditText";

    public static ImmutableDictionary<string, string?> Create(TextChange? change) =>
        change is not { } edit
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty
                .Add(Start, edit.Span.Start.ToString(CultureInfo.InvariantCulture))
                .Add(Length, edit.Span.Length.ToString(CultureInfo.InvariantCulture))
                .Add(NewText, edit.NewText);

    public static bool TryRead(Diagnostic diagnostic, out TextChange change)
    {
        change = default;
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(Start, out var start) || !properties.TryGetValue(Length, out var length) || !properties.TryGetValue(NewText, out var text)
            || !int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var startValue)
            || !int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var lengthValue)
            || text is null)
        {
            return false;
        }

        change = new TextChange(new TextSpan(startValue, lengthValue), text);
        return true;
    }
}
