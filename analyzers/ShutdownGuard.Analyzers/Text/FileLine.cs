using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Text;

/// <summary>Where something is, for messages: a file and a 1-based line (<c>Program.cs:12</c>).</summary>
internal static class FileLine
{
    /// <summary>The file's name and the line the location starts on.</summary>
    public static string Of(Location location)
    {
        var span = location.GetLineSpan();
        return Of(FileName(span.Path), span.StartLinePosition.Line);
    }

    /// <summary><paramref name="path"/> as given and the line holding <paramref name="position"/>.</summary>
    public static string Of(string path, SourceText text, int position) => Of(path, text.Lines.GetLineFromPosition(position).LineNumber);

    private static string Of(string path, int zeroBasedLine) => path + ":" + (zeroBasedLine + 1);

    // Either separator, whatever the platform: messages do not change with the machine that builds.
    private static string FileName(string path) => path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
}
