using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Rendering;

/// <summary>Where an entry of a template takes its value from.</summary>
internal enum TemplateValueKind
{
    /// <summary>No value on the key's line: a mapping or sequence follows.</summary>
    None,

    /// <summary>Text written in the template, the same in every render.</summary>
    Literal,

    /// <summary>One values key, as <c>{{ .Values.a.b }}</c> (with <c>quote</c>, <c>default</c> and the like).</summary>
    Values,

    /// <summary>Anything else the template engine computes.</summary>
    Computed,
}

/// <summary>A <c>key: value</c> line of a Helm template, with the keys that enclose it by indentation.</summary>
internal sealed class TemplateEntry
{
    public TemplateEntry(ImmutableArray<string> keys, TextSpan keySpan, TextSpan valueSpan, TemplateValueKind kind, string? literal, ImmutableArray<string> valuesPath)
    {
        Keys = keys;
        KeySpan = keySpan;
        ValueSpan = valueSpan;
        Kind = kind;
        Literal = literal;
        ValuesPath = valuesPath;
    }

    /// <summary>The keys from the document's root to this one.</summary>
    public ImmutableArray<string> Keys { get; }

    public TextSpan KeySpan { get; }

    /// <summary>The value as written on the line (quotes included); empty when there is none.</summary>
    public TextSpan ValueSpan { get; }

    public TemplateValueKind Kind { get; }

    /// <summary>For <see cref="TemplateValueKind.Literal"/>: the value after YAML unquoting.</summary>
    public string? Literal { get; }

    /// <summary>For <see cref="TemplateValueKind.Values"/>: the values keys of the value. For an entry whose block is
    /// <c>toYaml</c> of values (<c>helm create</c>'s probes): the values keys of the block. Else empty.</summary>
    public ImmutableArray<string> ValuesPath { get; internal set; }
}

/// <summary>
/// The <c>key: value</c> lines of a Helm template, read by indentation since a template is not YAML until rendered:
/// enough to find the line that wrote a rendered key, and whether its value is a literal or a values key. Lines made by
/// <c>include</c> or other functions are not seen; a rendered node under them is traced to the nearest key that is.
/// </summary>
internal sealed class TemplateOutline
{
    public static readonly TextModelReader<TemplateOutline> Reader = new(Read);

    private static readonly ImmutableHashSet<string> BlockKeywords = ImmutableHashSet.Create(StringComparer.Ordinal, "if", "with", "range", "define", "block");

    // Functions after which a pipeline's value is still the values key's text, for the comparison with the render.
    private static readonly ImmutableHashSet<string> KeepingFunctions = ImmutableHashSet.Create(StringComparer.Ordinal, "quote", "squote", "toString", "int", "int64", "trim");

    private TemplateOutline(ImmutableArray<TemplateEntry> entries)
    {
        Entries = entries;
    }

    public ImmutableArray<TemplateEntry> Entries { get; }

    /// <summary>The entries that wrote the longest prefix of <paramref name="keys"/> this template shows, and that prefix's
    /// length; no entries and 0 when not even the first key is written here.</summary>
    public (ImmutableArray<TemplateEntry> Entries, int Depth) Find(ImmutableArray<string> keys)
    {
        for (var depth = keys.Length; depth > 0; depth--)
        {
            var matches = Entries.Where(entry => entry.Keys.Length == depth && StartsWith(keys, entry.Keys)).ToImmutableArray();
            if (!matches.IsEmpty)
            {
                return (matches, depth);
            }
        }

        return (ImmutableArray<TemplateEntry>.Empty, 0);
    }

    private static bool StartsWith(ImmutableArray<string> keys, ImmutableArray<string> prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(keys[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static TemplateOutline Read(SourceText text)
    {
        var entries = ImmutableArray.CreateBuilder<TemplateEntry>();
        var keys = new List<(int Column, string Key)>();
        var blocks = new List<ImmutableArray<string>?>();
        TemplateEntry? lastEntry = null;
        var lastEntryColumn = -1;
        foreach (var line in text.Lines)
        {
            var content = line.ToString();
            var column = content.Length - content.TrimStart(' ').Length;
            var trimmed = content.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (trimmed.StartsWith("{{", StringComparison.Ordinal))
            {
                foreach (var action in Actions(trimmed))
                {
                    Track(action, blocks);
                    if (lastEntry is { Kind: TemplateValueKind.None } owner && column > lastEntryColumn && ToYamlPath(action, blocks) is { } blockPath)
                    {
                        owner.ValuesPath = blockPath;
                    }
                }

                continue;
            }

            if (ReadEntry(line, content, column, blocks) is not { } read)
            {
                continue;
            }

            while (keys.Count > 0 && keys[keys.Count - 1].Column >= read.Column)
            {
                keys.RemoveAt(keys.Count - 1);
            }

            keys.Add((read.Column, read.Key));
            lastEntry = new TemplateEntry(keys.Select(key => key.Key).ToImmutableArray(), read.KeySpan, read.ValueSpan, read.Kind, read.Literal, read.ValuesPath);
            lastEntryColumn = read.Column;
            entries.Add(lastEntry);
        }

        return new TemplateOutline(entries.ToImmutable());
    }

    private readonly struct LineEntry
    {
        public LineEntry(int column, string key, TextSpan keySpan, TextSpan valueSpan, TemplateValueKind kind, string? literal, ImmutableArray<string> valuesPath)
        {
            Column = column;
            Key = key;
            KeySpan = keySpan;
            ValueSpan = valueSpan;
            Kind = kind;
            Literal = literal;
            ValuesPath = valuesPath;
        }

        public int Column { get; }

        public string Key { get; }

        public TextSpan KeySpan { get; }

        public TextSpan ValueSpan { get; }

        public TemplateValueKind Kind { get; }

        public string? Literal { get; }

        public ImmutableArray<string> ValuesPath { get; }
    }

    /// <summary>The key and value of a line such as <c>  - name: web</c> or <c>port: {{ .Values.port }}</c>.</summary>
    private static LineEntry? ReadEntry(TextLine line, string content, int column, List<ImmutableArray<string>?> blocks)
    {
        var start = column;
        while (start + 1 < content.Length && content[start] == '-' && content[start + 1] == ' ')
        {
            start += 2;
            while (start < content.Length && content[start] == ' ')
            {
                start++;
            }
        }

        var colon = KeyEnd(content, start);
        if (colon < 0)
        {
            return null;
        }

        var key = Unquote(content.Substring(start, colon - start).Trim());
        var valueText = StripComment(content.Substring(colon + 1));
        var valueStart = colon + 1 + (valueText.Length - valueText.TrimStart().Length);
        var value = valueText.Trim();
        var keySpan = new TextSpan(line.Start + start, colon - start);
        var valueSpan = new TextSpan(line.Start + valueStart, value.Length);
        if (value.Length == 0)
        {
            return new LineEntry(start, key, keySpan, valueSpan, TemplateValueKind.None, literal: null, ImmutableArray<string>.Empty);
        }

        if (!value.Contains("{{"))
        {
            return new LineEntry(start, key, keySpan, valueSpan, TemplateValueKind.Literal, Unquote(value), ImmutableArray<string>.Empty);
        }

        var actions = Actions(Unquote(value)).ToList();
        var whole = Unquote(value).Trim();
        var valuesPath = actions.Count == 1 && whole.StartsWith("{{", StringComparison.Ordinal) && whole.EndsWith("}}", StringComparison.Ordinal)
            ? PipelineValuesPath(actions[0], blocks)
            : null;
        return valuesPath is { } path
            ? new LineEntry(start, key, keySpan, valueSpan, TemplateValueKind.Values, literal: null, path)
            : new LineEntry(start, key, keySpan, valueSpan, TemplateValueKind.Computed, literal: null, ImmutableArray<string>.Empty);
    }

    /// <summary>The colon that ends a plain or quoted key at <paramref name="start"/>; -1 when the line is no entry.</summary>
    private static int KeyEnd(string content, int start)
    {
        if (start >= content.Length || content[start] == '{' || content[start] == '-')
        {
            return -1;
        }

        var i = start;
        if (content[i] is '"' or '\'')
        {
            var quote = content[i];
            i = content.IndexOf(quote, i + 1);
            if (i < 0)
            {
                return -1;
            }

            i++;
        }

        for (; i < content.Length; i++)
        {
            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
            {
                return i;
            }

            if (content[i] is '{' or ' ' or '#')
            {
                return -1;
            }
        }

        return -1;
    }

    private static string StripComment(string value)
    {
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 && !value.Substring(0, comment).Contains("{{") ? value.Substring(0, comment) : value;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] is '"' or '\'') && text[text.Length - 1] == text[0] ? text.Substring(1, text.Length - 2) : text;

    /// <summary>The text inside each <c>{{ … }}</c> of a line, trim markers removed.</summary>
    private static IEnumerable<string> Actions(string text)
    {
        var position = 0;
        while ((position = text.IndexOf("{{", position, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("}}", position + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            yield return text.Substring(position + 2, end - position - 2).Trim().TrimStart('-').TrimEnd('-').Trim();
            position = end + 2;
        }
    }

    /// <summary>Keeps the stack of open blocks: each holds the values keys that <c>.</c> stands for inside it (a
    /// <c>with .Values.x</c>), or null when <c>.</c> is unknown there (a <c>range</c>).</summary>
    private static void Track(string action, List<ImmutableArray<string>?> blocks)
    {
        var words = action.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return;
        }

        if (words[0] == "end")
        {
            if (blocks.Count > 0)
            {
                blocks.RemoveAt(blocks.Count - 1);
            }

            return;
        }

        if (!BlockKeywords.Contains(words[0]))
        {
            return;
        }

        var dot = Dot(blocks);
        blocks.Add(words[0] switch
        {
            "with" when words.Length == 2 => ValuesPath(words[1], dot),
            "if" => dot,
            _ => null,
        });
    }

    private static ImmutableArray<string>? Dot(List<ImmutableArray<string>?> blocks) =>
        blocks.Count == 0 ? ImmutableArray<string>.Empty : blocks[blocks.Count - 1];

    /// <summary>The values keys of a pipeline that hands on one values key unchanged; null for anything computed.</summary>
    private static ImmutableArray<string>? PipelineValuesPath(string action, List<ImmutableArray<string>?> blocks)
    {
        var stages = action.Split('|').Select(stage => stage.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (stages.Any(stage => stage.Length == 0))
        {
            return null;
        }

        // The first stage is the key itself, or a keeping function of it: `quote .Values.x`, `default 30 .Values.x`.
        var first = stages[0];
        var argument = first.Length == 1 ? first[0]
            : first.Length == 2 && KeepingFunctions.Contains(first[0]) ? first[1]
            : first.Length == 3 && first[0] == "default" ? first[2]
            : null;
        var rest = stages.Skip(1).All(stage => (stage.Length == 1 && KeepingFunctions.Contains(stage[0])) || (stage.Length == 2 && stage[0] == "default"));
        return argument is not null && rest ? ValuesPath(argument, Dot(blocks)) : null;
    }

    /// <summary>The values keys of the entry's block when the action is <c>toYaml</c> of values.</summary>
    private static ImmutableArray<string>? ToYamlPath(string action, List<ImmutableArray<string>?> blocks)
    {
        var stages = action.Split('|');
        var words = stages[0].Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 2 && words[0] == "toYaml" ? ValuesPath(words[1], Dot(blocks)) : null;
    }

    /// <summary>The values keys an argument names: <c>.Values.a.b</c>, <c>$.Values.a.b</c>, or <c>.</c> and <c>.a</c>
    /// inside a <c>with</c> of values. Null for anything else.</summary>
    private static ImmutableArray<string>? ValuesPath(string argument, ImmutableArray<string>? dot)
    {
        var path = argument.StartsWith("$", StringComparison.Ordinal) ? argument.Substring(1) : argument;
        if (path.StartsWith(".Values.", StringComparison.Ordinal))
        {
            return Keys(path.Substring(".Values.".Length));
        }

        if (dot is not { } context || argument.StartsWith("$", StringComparison.Ordinal) || !path.StartsWith(".", StringComparison.Ordinal) || path.StartsWith(".Values", StringComparison.Ordinal))
        {
            return null;
        }

        return path == "." ? context : Keys(path.Substring(1)) is { } keys ? context.AddRange(keys) : null;
    }

    private static ImmutableArray<string>? Keys(string dotted)
    {
        var keys = dotted.Split('.');
        return keys.All(key => key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-')) ? keys.ToImmutableArray() : null;
    }
}
