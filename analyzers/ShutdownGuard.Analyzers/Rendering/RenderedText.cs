using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>One document of a rendered file and where the tool says it came from.</summary>
internal sealed class RenderedDocument
{
    public RenderedDocument(YNode root, string? helmSource, string? kustomizeOrigin)
    {
        Root = root;
        HelmSource = helmSource;
        KustomizeOrigin = kustomizeOrigin;
    }

    public YNode Root { get; }

    /// <summary>Helm's <c># Source:</c> comment: the template as <c>chart-name/templates/file.yaml</c>.</summary>
    public string? HelmSource { get; }

    /// <summary>Kustomize's <c>config.kubernetes.io/origin</c> path: the resource file, relative to the rendered file's folder.</summary>
    public string? KustomizeOrigin { get; }
}

/// <summary>
/// A rendered file's documents with their origins, read once per text (the rules' model of the same text comes from the
/// manifest reader's cache): a finding is traced back to the chart or overlay only when it is reported.
/// </summary>
internal sealed class RenderedText
{
    private const string SourceComment = "# Source: ";

    public static readonly TextModelReader<RenderedText> Reader = new(text => Read(text, CancellationToken.None));

    private RenderedText(ImmutableArray<RenderedDocument> documents)
    {
        Documents = documents;
    }

    public ImmutableArray<RenderedDocument> Documents { get; }

    /// <summary>The node a span of the rendered text stands on; null when no document holds it.</summary>
    public RenderedNode? Find(TextSpan span)
    {
        foreach (var document in Documents)
        {
            if (document.Root.Span.Contains(span.Start) || document.Root.Span.End == span.Start)
            {
                return RenderedNode.Find(document, span);
            }
        }

        return null;
    }

    private static RenderedText? Read(SourceText text, CancellationToken cancellationToken)
    {
        if (text.Length > ManifestReader.MaxChars)
        {
            return null;
        }

        var content = text.ToString();
        var roots = new List<YNode>();
        if (YamlTree.Parse(content, roots.Add, cancellationToken) is not null)
        {
            return null;
        }

        var documents = ImmutableArray.CreateBuilder<RenderedDocument>(roots.Count);
        var previousEnd = 0;
        foreach (var root in roots)
        {
            documents.Add(new RenderedDocument(root, HelmSource(text, previousEnd, root.Span.Start), KustomizeOrigin(root)));
            previousEnd = root.Span.End;
        }

        return new RenderedText(documents.MoveToImmutable());
    }

    /// <summary>The last <c># Source:</c> comment between the previous document and this one.</summary>
    private static string? HelmSource(SourceText text, int from, int to)
    {
        string? source = null;
        var first = text.Lines.GetLineFromPosition(from).LineNumber;
        var last = text.Lines.GetLineFromPosition(to).LineNumber;
        for (var number = first; number <= last; number++)
        {
            var line = text.Lines[number].ToString().Trim();
            if (line.StartsWith(SourceComment, StringComparison.Ordinal))
            {
                source = line.Substring(SourceComment.Length).Trim();
            }
        }

        return source;
    }

    private static string? KustomizeOrigin(YNode root) =>
        root.Child("metadata")?.Child("annotations")?.Child("config.kubernetes.io/origin") is YScalar origin
            ? OriginPath(origin.Value)
            : null;

    /// <summary>The <c>path:</c> line of the origin annotation's own small YAML document.</summary>
    private static string? OriginPath(string origin)
    {
        foreach (var line in origin.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("path:", StringComparison.Ordinal))
            {
                return trimmed.Substring("path:".Length).Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
