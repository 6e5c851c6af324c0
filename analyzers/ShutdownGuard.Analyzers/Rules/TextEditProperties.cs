using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Rules;

/// <summary>
/// A fix of a file that is not C# (a manifest, a Dockerfile), computed by the analyzer and carried in the diagnostic's
/// properties: code fixes apply it as it is and never parse the file again.
/// </summary>
internal static class TextEditProperties
{
    private const string Start = "ShutdownGuard.EditStart";
    private const string Length = "ShutdownGuard.EditLength";
    private const string NewText = "ShutdownGuard.EditText";

    public static ImmutableDictionary<string, string?> Create(TextChange? change)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (change is { } edit)
        {
            Add(properties, edit);
        }

        return properties.ToImmutable();
    }

    /// <summary>Adds the edit to a rule's own properties (a fix in C# may also edit another file).</summary>
    public static void Add(ImmutableDictionary<string, string?>.Builder properties, TextChange change)
    {
        properties[Start] = change.Span.Start.ToString(CultureInfo.InvariantCulture);
        properties[Length] = change.Span.Length.ToString(CultureInfo.InvariantCulture);
        properties[NewText] = change.NewText;
    }

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
