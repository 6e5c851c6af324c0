using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ShutdownGuard.Manifests;

/// <summary>A node of a YAML document with its exact span in the text.</summary>
internal abstract class YNode
{
    protected YNode(TextSpan span)
    {
        Span = span;
    }

    /// <summary>The node itself, or for an alias the node it names.</summary>
    public YNode Resolved => this is YAlias alias ? alias.Target : this;

    /// <summary>The node's span: for a scalar its value as written (quotes included, anchor and tag excluded).</summary>
    public TextSpan Span { get; internal set; }

    /// <summary>True when the node lies in text that an alias repeats: an edit there changes every user of the anchor.</summary>
    public bool IsShared { get; internal set; }

    /// <summary>The value of <paramref name="key"/> when this node is a mapping that has it, merge keys applied.</summary>
    public YNode? Child(string key) => Entry(key)?.Value;

    /// <summary>The text of a scalar that is not null (through an alias); null for anything else.</summary>
    public static string? TextOf(YNode? node) => node?.Resolved is YScalar { IsNull: false } scalar ? scalar.Value : null;

    /// <summary>The entry for <paramref name="key"/> when this node is a mapping that has it, merge keys applied.</summary>
    public YEntry? Entry(string key) =>
        this is YMapping mapping ? mapping.EffectiveEntries().FirstOrDefault(entry => entry.Key is YScalar scalar && scalar.Value == key) : null;
}

internal sealed class YScalar : YNode
{
    public YScalar(string value, bool isPlain, TextSpan span)
        : base(span)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    public bool IsPlain { get; }

    /// <summary>A plain empty value, <c>~</c> or <c>null</c>: the key is present without a value.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public ManifestScalar ToManifestScalar() => new(Value, Span, IsPlain, IsShared);
}

internal sealed class YMapping : YNode
{
    public YMapping(bool isFlow, TextSpan span)
        : base(span)
    {
        IsFlow = isFlow;
    }

    public bool IsFlow { get; }

    /// <summary>The entries as written, a merge key (<c>&lt;&lt;</c>) included.</summary>
    public List<YEntry> Entries { get; } = new();

    /// <summary>The mappings its merge key names, in order; null without one.</summary>
    public List<YMapping>? Merged { get; internal set; }

    /// <summary>
    /// The entries as a Kubernetes reader sees them: its own keys, then those of the mappings its merge key names that
    /// it lacks, an earlier mapping winning over a later one (YAML merge-key spec). Visits each mapping once, without
    /// recursion: aliases only name mappings completed before them, so there is no cycle.
    /// </summary>
    public IEnumerable<YEntry> EffectiveEntries()
    {
        if (Merged is null)
        {
            foreach (var entry in Entries)
            {
                yield return entry;
            }

            yield break;
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<YMapping>();
        var pending = new Stack<YMapping>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var mapping = pending.Pop();
            if (!visited.Add(mapping))
            {
                continue;
            }

            foreach (var entry in mapping.Entries)
            {
                if (!entry.IsMerge && (entry.Key is not YScalar key || seenKeys.Add(key.Value)))
                {
                    yield return entry;
                }
            }

            for (var i = (mapping.Merged?.Count ?? 0) - 1; i >= 0; i--)
            {
                pending.Push(mapping.Merged![i]);
            }
        }
    }
}

internal sealed class YEntry
{
    public YEntry(YNode key, YNode value)
    {
        KeyAsWritten = key;
        ValueAsWritten = value;
    }

    /// <summary>The key as written: an alias stays an alias.</summary>
    public YNode KeyAsWritten { get; }

    /// <summary>The value as written: an alias stays an alias.</summary>
    public YNode ValueAsWritten { get; }

    /// <summary>The key, an alias replaced by the node it names.</summary>
    public YNode Key => KeyAsWritten.Resolved;

    /// <summary>The value, an alias replaced by the node it names (whose span is the anchored text).</summary>
    public YNode Value => ValueAsWritten.Resolved;

    /// <summary>A merge key: a plain <c>&lt;&lt;</c> (quoted, it is an ordinary key).</summary>
    public bool IsMerge => KeyAsWritten is YScalar { IsPlain: true, Value: "<<" };
}

internal sealed class YSequence : YNode
{
    public YSequence(bool isFlow, TextSpan span)
        : base(span)
    {
        IsFlow = isFlow;
    }

    public bool IsFlow { get; }

    /// <summary>The items as written: an alias stays an alias.</summary>
    public List<YNode> Items { get; } = new();

    /// <summary>The items, each alias replaced by the node it names.</summary>
    public IEnumerable<YNode> Values => Items.Select(item => item.Resolved);
}

/// <summary>An alias (<c>*name</c>): it names the anchored node, which is never copied, so expanding costs nothing.</summary>
internal sealed class YAlias : YNode
{
    public YAlias(string anchor, YNode target, TextSpan span)
        : base(span)
    {
        Anchor = anchor;
        Target = target;
    }

    public string Anchor { get; }

    /// <summary>The node the anchor names (never an alias: YAML anchors nodes, not aliases).</summary>
    public YNode Target { get; }
}

internal sealed class YamlError
{
    public YamlError(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>
/// The documents of a YAML stream, built from YamlDotNet's event parser with an explicit stack
/// (a deep document must not overflow the stack of the compiler or IDE host).
/// </summary>
internal static class YamlTree
{
    internal const int MaxDepth = 64;
    internal const long MaxAliasExpansion = 100_000;

    // Below this many keys a mapping is searched for a repeated key rather than given a set.
    private const int SmallMapping = 8;

    /// <summary>Hands each document read to <paramref name="onDocument"/>, in order, and stops at the first error:
    /// null when the text is valid YAML within the limits.</summary>
    public static YamlError? Parse(string text, Action<YNode> onDocument, CancellationToken cancellationToken) =>
        new Builder(text, onDocument).Run(cancellationToken);

    /// <summary>Every node of a document in document order, without recursion; an alias is a leaf.</summary>
    public static IEnumerable<YNode> DescendantsAndSelf(YNode root)
    {
        var stack = new Stack<YNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case YMapping mapping:
                    for (var i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        stack.Push(mapping.Entries[i].ValueAsWritten);
                        stack.Push(mapping.Entries[i].KeyAsWritten);
                    }

                    break;
                case YSequence sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push(sequence.Items[i]);
                    }

                    break;
            }
        }
    }

    private sealed class Frame
    {
        public Frame(YNode node, AnchorName anchor, int? start)
        {
            Node = node;
            Anchor = anchor;
            Start = start;
        }

        public YNode Node { get; }

        public AnchorName Anchor { get; }

        /// <summary>Where the collection starts; null when its event has no position of its own.</summary>
        public int? Start { get; }

        /// <summary>How many nodes this collection expands to, aliases included.</summary>
        public long ExpandedCount { get; set; } = 1;

        public YNode? PendingKey { get; set; }

        public HashSet<string>? Keys { get; set; }
    }

    private sealed class Builder
    {
        private readonly string _text;
        private readonly Action<YNode> _onDocument;

        // YamlDotNet keeps a byte order mark as part of the first token, so it is skipped and
        // every mark is shifted back by this offset.
        private readonly int _offset;
        private readonly Stack<Frame> _frames = new();
        private readonly Dictionary<string, (YNode Node, long ExpandedCount)> _anchors = new(StringComparer.Ordinal);

        // The nodes aliases name in the current document.
        private readonly HashSet<YNode> _aliased = new();
        private long _aliasExpansion;
        private YNode? _root;
        private YNode? _completed;
        private int _previousStart;

        public Builder(string text, Action<YNode> onDocument)
        {
            _text = text;
            _onDocument = onDocument;
            _offset = _text.Length > 0 && _text[0] == '\uFEFF' ? 1 : 0;
        }

        public YamlError? Run(CancellationToken cancellationToken)
        {
            var parser = new Parser(new StringReader(_offset == 0 ? _text : _text.Substring(_offset)));
            var events = 0;
            while (true)
            {
                try
                {
                    if (!parser.MoveNext())
                    {
                        return null;
                    }

                    if ((++events & 0xFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var error = Handle(parser.Current!);
                    if (error != null)
                    {
                        return error;
                    }
                }
                catch (YamlException e)
                {
                    var message = StripPosition(e.Message);
                    var span = SpanOf(e.Start, e.End);
                    return new YamlError(message, message.Contains(" tab ") ? new TextSpan(IndentationTab(span.Start), 0) : span);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Garbage can trip YamlDotNet in ways other than YamlException; that is still unreadable text.
                    var at = parser.Current is { } current ? Index(current.End) : 0;
                    return new YamlError("YAML error: " + e.Message, new TextSpan(at, 0));
                }

                // Outside the handlers above: a failure in the reader's own code is a bug to surface, not bad YAML.
                if (_completed != null)
                {
                    _onDocument(_completed);
                    _completed = null;
                }
            }
        }

        private YamlError? Handle(ParsingEvent parsingEvent)
        {
            switch (parsingEvent)
            {
                case DocumentStart:
                    _anchors.Clear();
                    _aliased.Clear();
                    _aliasExpansion = 0;
                    _root = null;
                    return null;
                case DocumentEnd:
                    MarkShared();
                    _completed = _root;
                    return null;
                case Scalar scalar:
                    var scalarStart = ValueStart(scalar);
                    var node = new YScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, TextSpan.FromBounds(scalarStart, Math.Max(scalarStart, Index(scalar.End))));
                    Remember(scalar.Anchor, node, 1);
                    return Add(node, 1);
                case AnchorAlias alias:
                    return AddAlias(alias);
                case MappingStart mapping:
                    return Open(mapping, new YMapping(mapping.Style == MappingStyle.Flow, default));
                case SequenceStart sequence:
                    return Open(sequence, new YSequence(sequence.Style == SequenceStyle.Flow, default));
                case MappingEnd or SequenceEnd:
                    return Close(parsingEvent);
                default:
                    return null;
            }
        }

        private YamlError? AddAlias(AnchorAlias alias)
        {
            var span = SpanOf(alias.Start, alias.End);
            var name = alias.Value.Value;
            if (!_anchors.TryGetValue(name, out var anchored))
            {
                return new YamlError("unknown alias '*" + name + "'", span);
            }

            var (target, count) = anchored;
            _aliasExpansion += count;
            if (_aliasExpansion > MaxAliasExpansion)
            {
                return new YamlError("alias expansion exceeds limit (billion laughs): more than " + MaxAliasExpansion.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " nodes", span);
            }

            _aliased.Add(target);
            return Add(new YAlias(name, target, span), count);
        }

        private YamlError? Open(NodeEvent nodeEvent, YNode node)
        {
            // An implicit mapping inside a flow sequence ([a: 1]) carries an empty mark; its first key gives the start.
            var raw = Index(nodeEvent.Start);
            var isImplicit = node is YMapping && _frames.Count > 0 && _frames.Peek().Node is YSequence { IsFlow: true }
                && (raw < _previousStart || raw >= _text.Length || _text[raw] != '{');
            var start = ValueStart(nodeEvent);
            if (_frames.Count >= MaxDepth)
            {
                return new YamlError("nesting deeper than " + MaxDepth + " levels", new TextSpan(start, 0));
            }

            _frames.Push(new Frame(node, nodeEvent.Anchor, isImplicit ? null : start));
            return null;
        }

        private YamlError? Close(ParsingEvent endEvent)
        {
            var frame = _frames.Pop();
            var node = frame.Node;
            var (isFlow, firstChild, lastChild) = node switch
            {
                YMapping m => (m.IsFlow, m.Entries.Count > 0 ? m.Entries[0].KeyAsWritten : null, m.Entries.Count > 0 ? m.Entries[m.Entries.Count - 1].ValueAsWritten : null),
                YSequence s => (s.IsFlow, s.Items.Count > 0 ? s.Items[0] : null, s.Items.Count > 0 ? s.Items[s.Items.Count - 1] : null),
                _ => throw new InvalidOperationException(),
            };

            var start = frame.Start ?? firstChild?.Span.Start ?? Index(endEvent.Start);
            var end = lastChild?.Span.End ?? start;
            var close = Index(endEvent.Start);
            if (isFlow && close < _text.Length && _text[close] is '}' or ']')
            {
                end = close + 1;
            }

            node.Span = TextSpan.FromBounds(start, Math.Max(start, end));
            Remember(frame.Anchor, node, frame.ExpandedCount);
            return Add(node, frame.ExpandedCount);
        }

        private YamlError? Add(YNode node, long expandedCount)
        {
            if (_frames.Count == 0)
            {
                _root = node;
                return null;
            }

            var parent = _frames.Peek();
            parent.ExpandedCount += expandedCount;
            switch (parent.Node)
            {
                case YSequence sequence:
                    sequence.Items.Add(node);
                    break;
                case YMapping mapping when parent.PendingKey is null:
                    // kubectl rejects a mapping with a repeated key.
                    if (node is YScalar key && IsRepeatedKey(parent, mapping, KeyName(key)))
                    {
                        return new YamlError("duplicate key '" + key.Value + "'", node.Span);
                    }

                    parent.PendingKey = node;
                    break;
                case YMapping mapping:
                    var entry = new YEntry(parent.PendingKey, node);
                    if (entry.IsMerge)
                    {
                        mapping.Merged = MergedMappings(node);
                        if (mapping.Merged is null)
                        {
                            return new YamlError("merge key '<<' needs a mapping or a list of mappings", node.Span);
                        }
                    }

                    mapping.Entries.Add(entry);
                    parent.PendingKey = null;
                    break;
            }

            return null;
        }

        /// <summary>A key as duplicates are found: the merge key is no key of the mapping, so a quoted "&lt;&lt;" does not repeat it.</summary>
        private static string KeyName(YScalar key) => key is { IsPlain: true, Value: "<<" } ? "\0merge" : key.Value;

        /// <summary>Small mappings, nearly all of them, are searched; a large one keeps a set of its keys.</summary>
        private static bool IsRepeatedKey(Frame frame, YMapping mapping, string key)
        {
            if (frame.Keys is null)
            {
                if (mapping.Entries.Count < SmallMapping)
                {
                    foreach (var entry in mapping.Entries)
                    {
                        if (entry.KeyAsWritten is YScalar scalar && KeyName(scalar) == key)
                        {
                            return true;
                        }
                    }

                    return false;
                }

                frame.Keys = new HashSet<string>(mapping.Entries.Select(entry => entry.KeyAsWritten).OfType<YScalar>().Select(KeyName), StringComparer.Ordinal);
            }

            return !frame.Keys.Add(key);
        }

        /// <summary>The mappings a merge key's value names; null when it is not a mapping or a list of mappings, which
        /// kubectl rejects.</summary>
        private static List<YMapping>? MergedMappings(YNode value)
        {
            var items = value.Resolved is YSequence sequence ? sequence.Values : new[] { value.Resolved };
            var mappings = items.OfType<YMapping>().ToList();
            return mappings.Count == items.Count() ? mappings : null;
        }

        private void Remember(AnchorName anchor, YNode node, long expandedCount)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, expandedCount);
            }
        }

        /// <summary>Marks every node inside the text that an alias names, outermost first so that each is marked once.</summary>
        private void MarkShared()
        {
            foreach (var target in _aliased.OrderByDescending(node => node.Span.Length))
            {
                if (target.IsShared)
                {
                    continue;
                }

                foreach (var node in DescendantsAndSelf(target))
                {
                    node.IsShared = true;
                }
            }
        }

        /// <summary>Where the node's value starts: after its anchor (<c>&amp;a</c>) and tag (<c>!!str</c>), which the event's mark includes.</summary>
        private int ValueStart(NodeEvent nodeEvent)
        {
            var position = Index(nodeEvent.Start);
            _previousStart = Math.Max(_previousStart, position);
            if (nodeEvent.Anchor.IsEmpty && nodeEvent.Tag.IsEmpty)
            {
                return position;
            }

            var end = Math.Max(position, Index(nodeEvent.End));
            while (position < end && _text[position] is '&' or '!')
            {
                while (position < end && !char.IsWhiteSpace(_text[position]))
                {
                    position++;
                }

                while (position < end && char.IsWhiteSpace(_text[position]))
                {
                    position++;
                }
            }

            return position;
        }

        private int Index(Mark mark) => (int)Math.Min(_text.Length, mark.Index + _offset);

        private TextSpan SpanOf(Mark start, Mark end)
        {
            var from = Index(start);
            return TextSpan.FromBounds(from, Math.Max(from, Index(end)));
        }

        /// <summary>YamlDotNet reports a tab in indentation at the start of the enclosing mapping; the tab itself is a better place.</summary>
        private int IndentationTab(int from)
        {
            var inIndentation = true;
            for (var i = from; i < _text.Length; i++)
            {
                switch (_text[i])
                {
                    case '\n':
                        inIndentation = true;
                        break;
                    case '\t' when inIndentation:
                        return i;
                    case not (' ' or '\r'):
                        inIndentation = false;
                        break;
                }
            }

            return from;
        }

        /// <summary>YamlException messages start with "(Line: 1, Col: 1, Idx: 0) - (…): "; the diagnostic location already says that.</summary>
        private static string StripPosition(string message)
        {
            var separator = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
            return separator < 0 ? message : message.Substring(separator + 3);
        }
    }
}
