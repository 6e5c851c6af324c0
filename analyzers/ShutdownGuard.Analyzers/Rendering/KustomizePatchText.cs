using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>
/// The documents of a patch or resource and where its nodes stand: a file of its own, or an inline patch, a string of a
/// kustomization: a literal block scalar, whose content lines are the kustomization's lines below the indicator less the
/// block's indentation, or a scalar on one line.
/// </summary>
internal sealed class KustomizePatchText
{
    private readonly YScalar? _inline;

    private KustomizePatchText(AdditionalFileText file, ImmutableArray<YNode> roots, YScalar? inline)
    {
        File = file;
        Roots = roots;
        _inline = inline;
    }

    /// <summary>The file the place is in: the patch or resource, or the kustomization that holds the inline patch.</summary>
    public AdditionalFileText File { get; }

    public ImmutableArray<YNode> Roots { get; }

    /// <summary>A file's documents; null when it is not valid YAML.</summary>
    public static KustomizePatchText? Of(AdditionalFileText file, RenderSources sources) =>
        sources.Yaml(file) is { } documents ? new KustomizePatchText(file, documents.Roots, inline: null) : null;

    /// <summary>The documents of a string in a kustomization; null when it is not valid YAML.</summary>
    public static KustomizePatchText? Inline(AdditionalFileText kustomization, YScalar patch)
    {
        var roots = ImmutableArray.CreateBuilder<YNode>();
        return patch.Value.Length <= ManifestReader.MaxChars && YamlTree.Parse(patch.Value, roots.Add, CancellationToken.None) is null
            ? new KustomizePatchText(kustomization, roots.ToImmutable(), patch)
            : null;
    }

    /// <summary>Where a span of the documents stands in <see cref="File"/>. A literal stays one only where the file says
    /// exactly what the documents do; an inline patch's span that does not map back names the patch's first line.</summary>
    public SourcePlace Place(TextSpan span, bool isLiteral)
    {
        if (_inline is null)
        {
            return new SourcePlace(File, span, isLiteral);
        }

        return InFile(span) is { } mapped
            ? new SourcePlace(File, mapped, isLiteral)
            : new SourcePlace(File, File.Text.Lines.GetLineFromPosition(_inline.Span.Start).Span, isLiteral: false);
    }

    /// <summary>The span in the kustomization that holds the same text as <paramref name="span"/> of the scalar's content:
    /// a literal block scalar's lines, or a scalar on one line whose text is its content (no escapes); null otherwise.</summary>
    private TextSpan? InFile(TextSpan span)
    {
        var text = File.Text;
        var scalar = _inline!.Span;
        var content = _inline.Value;
        if (scalar.Start >= text.Length || span.End > content.Length)
        {
            return null;
        }

        TextSpan mapped;
        if (text[scalar.Start] == '|')
        {
            var indicatorLine = text.Lines.GetLineFromPosition(scalar.Start).LineNumber;
            var indentation = Indentation(text, indicatorLine + 1);
            if (Position(text, content, span.Start, indicatorLine, indentation) is not { } start
                || Position(text, content, span.End, indicatorLine, indentation) is not { } end || end < start)
            {
                return null;
            }

            mapped = TextSpan.FromBounds(start, end);
        }
        else
        {
            var quoted = text[scalar.Start] is '\'' or '"' ? 1 : 0;
            var inner = TextSpan.FromBounds(scalar.Start + quoted, Math.Max(scalar.Start + quoted, scalar.End - quoted));
            if (text.ToString(inner) != content)
            {
                return null;
            }

            mapped = new TextSpan(inner.Start + span.Start, span.Length);
        }

        return mapped.End <= text.Length && text.ToString(mapped) == content.Substring(span.Start, span.Length) ? mapped : null;
    }

    /// <summary>The kustomization position of a content offset: its line below the indicator, its column shifted by the
    /// block's indentation.</summary>
    private static int? Position(SourceText text, string content, int offset, int indicatorLine, int indentation)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (content[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var number = indicatorLine + 1 + line;
        if (number >= text.Lines.Count)
        {
            return null;
        }

        var position = text.Lines[number].Start + indentation + (offset - lineStart);
        return position <= text.Lines[number].End ? position : null;
    }

    /// <summary>A block's indentation: that of its first line that is not blank.</summary>
    private static int Indentation(SourceText text, int firstLine)
    {
        for (var number = firstLine; number < text.Lines.Count; number++)
        {
            var line = text.Lines[number].ToString();
            var spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces < line.Length)
            {
                return spaces;
            }
        }

        return 0;
    }
}
