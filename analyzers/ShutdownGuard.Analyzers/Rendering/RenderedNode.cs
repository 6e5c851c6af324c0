using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>One step of a path into a YAML document: a mapping key, or an item of a sequence (its index, and the
/// <c>name</c> it has when it is a named mapping, as containers and ports are).</summary>
internal readonly struct PathStep
{
    private PathStep(string? key, int index, string? itemName)
    {
        Key = key;
        Index = index;
        ItemName = itemName;
    }

    /// <summary>The key; null for a sequence item.</summary>
    public string? Key { get; }

    public int Index { get; }

    public string? ItemName { get; }

    public bool IsKey => Key is not null;

    public static PathStep Of(string key) => new(key, -1, itemName: null);

    public static PathStep Item(int index, string? name) => new(key: null, index, name);

    public override string ToString() => Key ?? (ItemName is null ? "[" + Index + "]" : "[name=" + ItemName + "]");
}

/// <summary>A node of a rendered document, found by its span: the path to it, and whether the span is the key of an entry
/// or a value (a scalar's value is what the source must still say for the finding to stand).</summary>
internal sealed class RenderedNode
{
    private RenderedNode(RenderedDocument document, ImmutableArray<PathStep> path, bool isKey, YScalar? value)
    {
        Document = document;
        Path = path;
        IsKey = isKey;
        Value = value;
    }

    public RenderedDocument Document { get; }

    public ImmutableArray<PathStep> Path { get; }

    /// <summary>The span is an entry's key (or a whole entry): the finding is about the key, not its value.</summary>
    public bool IsKey { get; }

    /// <summary>The scalar value the span stands on; null for keys, mappings and sequences.</summary>
    public YScalar? Value { get; }

    /// <summary>The keys of the path, without sequence steps: how a template, which writes each key once for all items,
    /// names the node.</summary>
    public ImmutableArray<string> Keys => Path.Where(step => step.IsKey).Select(step => step.Key!).ToImmutableArray();

    /// <summary>The deepest node whose key or value holds <paramref name="span"/>.</summary>
    public static RenderedNode Find(RenderedDocument document, TextSpan span)
    {
        var path = ImmutableArray.CreateBuilder<PathStep>();
        var node = document.Root;
        while (true)
        {
            switch (node)
            {
                case YMapping mapping when mapping.EffectiveEntries().FirstOrDefault(entry => Holds(entry, span)) is { } entry:
                    path.Add(PathStep.Of(((YScalar)entry.Key).Value));
                    if (entry.KeyAsWritten.Span.Contains(span.Start) || entry.ValueAsWritten.Span.Start > span.Start)
                    {
                        return new RenderedNode(document, path.ToImmutable(), isKey: true, value: null);
                    }

                    node = entry.ValueAsWritten;
                    continue;
                case YSequence sequence when IndexHolding(sequence, span) is { } index:
                    path.Add(PathStep.Item(index, (sequence.Items[index].Resolved.Child("name") as YScalar)?.Value));
                    node = sequence.Items[index];
                    continue;
                default:
                    return new RenderedNode(document, path.ToImmutable(), isKey: false, node.Resolved as YScalar);
            }
        }
    }

    private static bool Holds(YEntry entry, TextSpan span) =>
        entry.Key is YScalar && (entry.KeyAsWritten.Span.Contains(span.Start) || TextSpan.FromBounds(entry.KeyAsWritten.Span.Start, entry.ValueAsWritten.Span.End).Contains(span.Start));

    private static int? IndexHolding(YSequence sequence, TextSpan span)
    {
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i].Span.Contains(span.Start) || (sequence.Items[i].Span.End == span.Start && span.Length == 0))
            {
                return i;
            }
        }

        return null;
    }
}
