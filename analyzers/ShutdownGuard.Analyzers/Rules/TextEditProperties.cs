using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Rules;

/// <summary>
/// A fix of a file that is not C# (a manifest, a Dockerfile), computed by the analyzer and carried in the diagnostic's
/// properties: code fixes apply it as it is and never parse the file again. One fix may make several non-overlapping
/// changes of the file (a preStop sleep and the grace period it needs); they apply together or not at all.
/// </summary>
internal static class TextEditProperties
{
    private const string Start = "ShutdownGuard.EditStart";
    private const string Length = "ShutdownGuard.EditLength";
    private const string NewText = "ShutdownGuard.EditText";
    private const string Title = "ShutdownGuard.EditTitle";
    private const string EditPath = "ShutdownGuard.EditPath";

    public static ImmutableDictionary<string, string?> Create(TextChange? change) =>
        Create(change is { } edit ? new[] { edit } : Array.Empty<TextChange>(), title: null);

    /// <summary>The changes of one fix; <paramref name="title"/> replaces the fix's usual title when the changes do more
    /// than it says.</summary>
    public static ImmutableDictionary<string, string?> Create(IReadOnlyList<TextChange> changes, string? title) => Create(changes, title, path: null);

    /// <summary>The changes of a fix that edits another file than the one its diagnostic stands in (a values file of a
    /// chart whose template holds the finding).</summary>
    public static ImmutableDictionary<string, string?> Create(IReadOnlyList<TextChange> changes, string? title, string? path)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (changes.Count > 0 && path is not null)
        {
            properties[EditPath] = path;
        }

        for (var i = 0; i < changes.Count; i++)
        {
            Add(properties, changes[i], i);
        }

        if (changes.Count > 0 && title is not null)
        {
            properties[Title] = title;
        }

        return properties.ToImmutable();
    }

    /// <summary>Adds the edit to a rule's own properties (a fix in C# may also edit another file).</summary>
    public static void Add(ImmutableDictionary<string, string?>.Builder properties, TextChange change) => Add(properties, change, 0);

    /// <summary>The changes, in the order the rule made them; false when the diagnostic carries none.</summary>
    public static bool TryRead(Diagnostic diagnostic, out ImmutableArray<TextChange> changes)
    {
        var builder = ImmutableArray.CreateBuilder<TextChange>();
        while (TryRead(diagnostic.Properties, builder.Count, out var change))
        {
            builder.Add(change);
        }

        changes = builder.ToImmutable();
        return changes.Length > 0;
    }

    /// <summary>The file the changes apply to when it is not the one the diagnostic stands in; else null.</summary>
    public static string? PathOf(Diagnostic diagnostic) => diagnostic.Properties.TryGetValue(EditPath, out var path) ? path : null;

    /// <summary>The title the rule gave the fix; null when the fix's usual title says it.</summary>
    public static string? TitleOf(Diagnostic diagnostic) => diagnostic.Properties.TryGetValue(Title, out var title) ? title : null;

    private static void Add(ImmutableDictionary<string, string?>.Builder properties, TextChange change, int index)
    {
        var suffix = Suffix(index);
        properties[Start + suffix] = change.Span.Start.ToString(CultureInfo.InvariantCulture);
        properties[Length + suffix] = change.Span.Length.ToString(CultureInfo.InvariantCulture);
        properties[NewText + suffix] = change.NewText;
    }

    private static bool TryRead(ImmutableDictionary<string, string?> properties, int index, out TextChange change)
    {
        change = default;
        var suffix = Suffix(index);
        if (!properties.TryGetValue(Start + suffix, out var start) || !properties.TryGetValue(Length + suffix, out var length) || !properties.TryGetValue(NewText + suffix, out var text)
            || !int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var startValue)
            || !int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var lengthValue)
            || text is null)
        {
            return false;
        }

        change = new TextChange(new TextSpan(startValue, lengthValue), text);
        return true;
    }

    /// <summary>The first change keeps the plain keys.</summary>
    private static string Suffix(int index) => index == 0 ? string.Empty : "." + index.ToString(CultureInfo.InvariantCulture);
}
