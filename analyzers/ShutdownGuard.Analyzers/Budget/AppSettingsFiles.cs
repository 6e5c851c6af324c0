using System;
using System.Collections.Immutable;
using System.Linq;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Budget;

/// <summary>The <c>appsettings*.json</c> files included in the project, read as configuration reads them.</summary>
internal static class AppSettingsFiles
{
    private static readonly TextModelReader<AppSettingsValues> Reader = new(AppSettingsReader.Read);

    /// <summary>Read without a project folder: messages name the file alone (<c>appsettings.json:3</c>).</summary>
    public static readonly AdditionalFileKind<AppSettingsValues> FileKind = new(path => IsAppSettingsPath(path) ? Reader : null);

    /// <summary>The environment of <c>appsettings.{Environment}.json</c>; null for <c>appsettings.json</c>.</summary>
    public static string? EnvironmentName(this AdditionalFileEntry<AppSettingsValues> file)
    {
        var name = System.IO.Path.GetFileName(file.Path);
        const string Prefix = "appsettings.";
        const string Suffix = ".json";
        return name.Length > Prefix.Length + Suffix.Length
            && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
            ? name.Substring(Prefix.Length, name.Length - Prefix.Length - Suffix.Length)
            : null;
    }

    /// <summary>
    /// The value of a key where the container's environment reads it: <c>appsettings.{Environment}.json</c> overrides
    /// <c>appsettings.json</c>. False when the environment is unknown (null) and an environment-specific file has the key;
    /// true with a null <paramref name="file"/> when no file has it.
    /// </summary>
    public static bool TryFind(
        ImmutableArray<AdditionalFileEntry<AppSettingsValues>> files,
        string? environment,
        string key,
        out AdditionalFileEntry<AppSettingsValues>? file,
        out AppSettingsValue? value)
    {
        file = null;
        value = null;
        var having = files.Where(candidate => candidate.Model.Find(key) is not null).ToList();
        var specific = having.Where(candidate => candidate.EnvironmentName() is not null).ToList();
        if (environment is null && specific.Count > 0)
        {
            return false;
        }

        file = specific.LastOrDefault(candidate => string.Equals(candidate.EnvironmentName(), environment, StringComparison.OrdinalIgnoreCase))
            ?? having.LastOrDefault(candidate => candidate.EnvironmentName() is null);
        value = file?.Model.Find(key);
        return true;
    }

    private static bool IsAppSettingsPath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }
}
