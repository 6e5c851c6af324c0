using System;
using System.Collections.Generic;
using System.Linq;

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

    /// <summary>The path relative to <paramref name="projectDirectory"/> (<c>k8s/a.yaml</c>, <c>../deploy/a.yaml</c>); the
    /// file name when the project folder is unknown or the file is on another root.</summary>
    public static string Display(string path, string? projectDirectory)
    {
        var file = Normalize(path).Split('/');
        if (string.IsNullOrEmpty(projectDirectory))
        {
            return file[file.Length - 1];
        }

        var folder = Normalize(projectDirectory!).TrimEnd('/').Split('/');
        var common = 0;
        while (common < folder.Length && common < file.Length - 1 && Comparer.Equals(folder[common], file[common]))
        {
            common++;
        }

        // Only the root in common (or not even that): another drive, or a path that says nothing relative.
        if (common <= 1 && !(common == 1 && folder.Length == 1))
        {
            return file[file.Length - 1];
        }

        var ups = Enumerable.Repeat("..", folder.Length - common);
        return string.Join("/", ups.Concat(file.Skip(common)));
    }
}
