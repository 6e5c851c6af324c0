using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ShutdownGuard.Build;

/// <summary>The documents of a multi-document YAML stream, as the rendering tools print it.</summary>
public static class ManifestDocuments
{
    private static readonly Regex DocumentSeparator = new(@"^---(?:[ \t].*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex SecretKind = new(@"^kind:[ \t]*(?:Secret|""Secret""|'Secret')[ \t]*(?:#.*)?\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// The stream without its <c>kind: Secret</c> documents, so that no secret value is ever written to disk. Every
    /// other document keeps its bytes, its separator line and the comments before it (Helm's <c># Source:</c>).
    /// </summary>
    public static string WithoutSecrets(string stream)
    {
        var kept = new StringBuilder(stream.Length);
        var document = new StringBuilder();
        foreach (var line in LinesWithEndings(stream))
        {
            if (DocumentSeparator.IsMatch(line.TrimEnd('\r', '\n')) && document.Length > 0)
            {
                AppendUnlessSecret(kept, document);
                document.Clear();
            }

            document.Append(line);
        }

        AppendUnlessSecret(kept, document);
        return kept.ToString();
    }

    private static void AppendUnlessSecret(StringBuilder kept, StringBuilder document)
    {
        var text = document.ToString();
        if (!SecretKind.IsMatch(text))
        {
            kept.Append(text);
        }
    }

    private static IEnumerable<string> LinesWithEndings(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            yield return text.Substring(start, next - start);
            start = next;
        }
    }
}
