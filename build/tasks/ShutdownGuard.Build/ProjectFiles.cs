using System;
using System.IO;
using System.Text;

namespace ShutdownGuard.Build;

/// <summary>Paths as the index writes them, and files written only when their content changes.</summary>
public static class ProjectFiles
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary><paramref name="fullPath"/> relative to <paramref name="directory"/>, with <c>/</c> separators.</summary>
    public static string Relative(string directory, string fullPath)
    {
        var from = new Uri(WithTrailingSeparator(Path.GetFullPath(directory)));
        var to = new Uri(Path.GetFullPath(fullPath));
        if (from.Scheme != to.Scheme)
        {
            return fullPath.Replace('\\', '/');
        }

        return Uri.UnescapeDataString(from.MakeRelativeUri(to).ToString()).Replace('\\', '/');
    }

    public static string WithTrailingSeparator(string directory) =>
        directory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) || directory.EndsWith("/", StringComparison.Ordinal)
            ? directory
            : directory + Path.DirectorySeparatorChar;

    public static string WithoutTrailingSeparator(string directory) => directory.TrimEnd('/', '\\') is { Length: > 0 } trimmed ? trimmed : directory;

    /// <summary>
    /// Writes the file unless it already holds <paramref name="text"/>: an unchanged timestamp keeps the compiler,
    /// which takes the file as an input, from running again.
    /// </summary>
    public static bool WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path, Utf8WithoutBom) == text)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8WithoutBom);
        return true;
    }
}
