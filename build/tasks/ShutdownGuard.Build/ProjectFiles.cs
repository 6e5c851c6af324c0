using System;
using System.IO;
using System.Linq;
using System.Text;

namespace ShutdownGuard.Build;

/// <summary>Paths as the index writes them, and files written only when their content changes.</summary>
public static class ProjectFiles
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary><paramref name="fullPath"/> relative to <paramref name="directory"/>, with <c>/</c> separators.</summary>
    public static string Relative(string directory, string fullPath)
    {
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        // Another drive: no relative path leads there.
        if (!string.Equals(Path.GetPathRoot(Path.GetFullPath(directory)), Path.GetPathRoot(Path.GetFullPath(fullPath)), comparison))
        {
            return Path.GetFullPath(fullPath).Replace('\\', '/');
        }

        var from = Segments(directory);
        var to = Segments(fullPath);
        var common = 0;
        while (common < from.Length && common < to.Length && string.Equals(from[common], to[common], comparison))
        {
            common++;
        }

        var parents = Enumerable.Repeat("..", from.Length - common);
        var relative = string.Join("/", parents.Concat(to.Skip(common)));
        return relative.Length == 0 ? "." : relative;
    }

    private static string[] Segments(string path) =>
        Path.GetFullPath(path).Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);

    public static string WithoutTrailingSeparator(string directory) => directory.TrimEnd('/', '\\') is { Length: > 0 } trimmed ? trimmed : directory;

    /// <summary>
    /// Writes the file unless it already holds <paramref name="text"/>: an unchanged timestamp keeps the compiler,
    /// which takes the file as an input, from running again.
    /// </summary>
    public static void WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path, Utf8WithoutBom) == text)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8WithoutBom);
    }
}
