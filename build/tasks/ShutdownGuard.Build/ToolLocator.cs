using System;
using System.IO;
using System.Linq;

namespace ShutdownGuard.Build;

/// <summary>Finds a tool at the path a property names, or else on PATH.</summary>
public sealed class ToolLocator(string projectDirectory, string? pathVariable)
{
    private static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';

    /// <param name="configuredPath">The path a property names, relative to the project folder or full; when set, PATH is not searched.</param>
    /// <param name="names">File names to look for on PATH, in order of preference.</param>
    public Tool Locate(string? configuredPath, params string[] names)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var path = Path.GetFullPath(Path.Combine(projectDirectory, configuredPath!.Trim()));
            return File.Exists(path) ? Tool.Found(path) : Tool.Missing(Path.GetFileName(path));
        }

        var directories = (pathVariable ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            var fileName = IsWindows ? name + ".exe" : name;
            var found = directories.Select(directory => Path.Combine(directory.Trim('"'), fileName)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return Tool.Found(found);
            }
        }

        return Tool.Missing(names[0]);
    }
}
