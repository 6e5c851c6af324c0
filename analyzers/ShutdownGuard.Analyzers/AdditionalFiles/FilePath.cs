using System;
using System.Collections.Generic;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>Paths compared as text, never through the file system (an analyzer may not touch it).</summary>
internal static class FilePath
{
    /// <summary>Paths differ only in case on no file system a project is built on; separators differ by platform.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The path with <c>/</c> separators and without <c>.</c> and <c>..</c> segments.</summary>
    public static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment == "." || (segment.Length == 0 && segments.Count > 0))
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join("/", segments);
    }

    /// <summary><paramref name="relative"/> resolved against <paramref name="folder"/>, normalized; an absolute path stays.</summary>
    public static string Combine(string folder, string relative) =>
        Normalize(IsRooted(relative) ? relative : folder.TrimEnd('/', '\\') + "/" + relative);

    /// <summary>The folder of a normalized path (<c>/a/b</c> for <c>/a/b/c.yaml</c>).</summary>
    public static string Folder(string path)
    {
        var normalized = Normalize(path);
        var slash = normalized.LastIndexOf('/');
        return slash <= 0 ? (slash == 0 ? "/" : string.Empty) : normalized.Substring(0, slash);
    }

    private static bool IsRooted(string path) =>
        path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    /// <summary>The path relative to <paramref name="projectDirectory"/> when the file lies inside it, else the file name.</summary>
    public static string Display(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        var folder = string.IsNullOrEmpty(projectDirectory) ? null : projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
        return folder is not null && normalized.StartsWith(folder, StringComparison.OrdinalIgnoreCase)
            ? normalized.Substring(folder.Length)
            : System.IO.Path.GetFileName(path);
    }
}
