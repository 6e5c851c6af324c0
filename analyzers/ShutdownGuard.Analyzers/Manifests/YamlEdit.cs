using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Manifests;

/// <summary>
/// Text edits of a block-style YAML file that keep its own indentation and line breaks. Snippets are written with
/// <c>\n</c> and two spaces per level; each level becomes one indentation step of the file.
/// </summary>
internal static class YamlEdit
{
    private const int SnippetStep = 2;
    private const int DefaultStep = 2;

    /// <summary>The file's indentation step: how much deeper the pod spec's keys stand than its <c>spec</c> key.</summary>
    public static int IndentStep(SourceText text, PodSpec pod) => StepBelow(text, pod.KeySpan, pod.ChildIndent) ?? DefaultStep;

    /// <summary>How much deeper the keys at column <paramref name="childIndent"/> stand than the key at <paramref name="key"/>;
    /// null when they do not stand deeper.</summary>
    public static int? StepBelow(SourceText text, TextSpan key, int childIndent)
    {
        var step = childIndent - text.Lines.GetLinePosition(key.Start).Character;
        return childIndent >= 0 && step > 0 ? step : null;
    }

    /// <summary>Sets the pod's <c>terminationGracePeriodSeconds</c>: rewrites its value, or inserts the key first in the
    /// pod spec. Null when the value lies in text an alias shares (changing it would change the anchor's other users) or
    /// the pod spec is not a block mapping.</summary>
    public static TextChange? SetGracePeriod(SourceText text, PodSpec pod, int seconds)
    {
        var value = seconds.ToString(CultureInfo.InvariantCulture);
        return pod.TerminationGracePeriodSeconds is { } grace
            ? grace.IsShared ? null : new TextChange(grace.Span, value)
            : PrependToMapping(text, pod.KeySpan, pod.ChildIndent, IndentStep(text, pod), "terminationGracePeriodSeconds: " + value);
    }

    /// <summary>Inserts <paramref name="snippet"/> as the first entries of the block mapping under the key at
    /// <paramref name="key"/>, whose keys stand at column <paramref name="childIndent"/>; null when there is no such
    /// mapping (a negative column, or no line break after the key).</summary>
    public static TextChange? PrependToMapping(SourceText text, TextSpan key, int childIndent, int step, string snippet)
    {
        var line = text.Lines.GetLineFromPosition(key.Start);
        return childIndent >= 0 && LineBreakOf(text, line) is { } lineBreak
            ? new TextChange(new TextSpan(line.EndIncludingLineBreak, 0), Reindent(snippet, childIndent, step, lineBreak, indentFirst: true) + lineBreak)
            : null;
    }

    /// <summary>Inserts <paramref name="snippet"/> as the last entries of the block mapping at <paramref name="mapping"/>,
    /// whose keys stand at column <paramref name="childIndent"/>.</summary>
    public static TextChange AppendToMapping(SourceText text, TextSpan mapping, int childIndent, int step, string snippet)
    {
        var lastLine = text.Lines.GetLineFromPosition(mapping.End);

        // A block scalar's span can end on the next line's indentation: the mapping then ends where that line starts.
        var endsBeforeLine = text.ToString(TextSpan.FromBounds(lastLine.Start, mapping.End)).Trim().Length == 0;
        if (endsBeforeLine || lastLine.EndIncludingLineBreak > lastLine.End)
        {
            var position = endsBeforeLine ? lastLine.Start : lastLine.EndIncludingLineBreak;
            var lineBreak = LineBreakBefore(text, position);
            return new TextChange(new TextSpan(position, 0), Reindent(snippet, childIndent, step, lineBreak, indentFirst: true) + lineBreak);
        }

        // The mapping ends the file without a final line break.
        var finalBreak = LineBreakBefore(text, lastLine.End);
        return new TextChange(new TextSpan(lastLine.End, 0), finalBreak + Reindent(snippet, childIndent, step, finalBreak, indentFirst: true));
    }

    /// <summary>Replaces a mapping entry (its key through the end of its value) with <paramref name="blockSnippet"/>, or with
    /// <paramref name="flowSnippet"/> when the entry stands inside a flow mapping (it is not the first thing on its line).</summary>
    public static TextChange ReplaceEntry(SourceText text, TextSpan entry, int step, string blockSnippet, string flowSnippet)
    {
        var line = text.Lines.GetLineFromPosition(entry.Start);
        var isBlock = text.ToString(TextSpan.FromBounds(line.Start, entry.Start)).Trim().Length == 0;
        return new TextChange(
            entry,
            isBlock ? Reindent(blockSnippet, entry.Start - line.Start, step, LineBreakBefore(text, line.EndIncludingLineBreak), indentFirst: false) : flowSnippet);
    }

    /// <summary>The file's own line break: the one that ends the line before <paramref name="position"/>, else the first
    /// one in the file, else <c>\n</c>.</summary>
    public static string LineBreakBefore(SourceText text, int position)
    {
        if (position > 0 && LineBreakOf(text, text.Lines.GetLineFromPosition(position - 1)) is { } before)
        {
            return before;
        }

        return text.Lines.Count > 0 && LineBreakOf(text, text.Lines[0]) is { } first ? first : "\n";
    }

    private static string? LineBreakOf(SourceText text, TextLine line) =>
        line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : null;

    /// <summary>The snippet's lines, each level of two spaces turned into <paramref name="step"/> columns, from <paramref name="column"/>.</summary>
    private static string Reindent(string snippet, int column, int step, string lineBreak, bool indentFirst)
    {
        var builder = new StringBuilder();
        var lines = snippet.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var content = lines[i].TrimStart(' ');
            var level = (lines[i].Length - content.Length) / SnippetStep;
            if (i > 0)
            {
                builder.Append(lineBreak);
            }

            if (i > 0 || indentFirst)
            {
                builder.Append(' ', column + (level * step));
            }

            builder.Append(content);
        }

        return builder.ToString();
    }
}
