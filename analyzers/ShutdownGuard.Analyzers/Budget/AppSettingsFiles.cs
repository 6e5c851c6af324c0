using System;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Budget;

/// <summary>The <c>appsettings*.json</c> files included in the project that set <c>shutdownTimeoutSeconds</c>.</summary>
internal static class AppSettingsFiles
{
    private static readonly TextModelReader<AppSettingsTimeout> Reader = new(AppSettingsReader.Read);
    private static readonly TextModelReader<AppSettingsListen> ListenReader = new(AppSettingsReader.ReadListen);

    /// <summary>Read without a project folder: messages name the file alone (<c>appsettings.json:3</c>).</summary>
    public static readonly AdditionalFileKind<AppSettingsTimeout> FileKind = new(path => IsAppSettingsPath(path) ? Reader : null);

    /// <summary>The same files read for the addresses the server listens on.</summary>
    public static readonly AdditionalFileKind<AppSettingsListen> ListenFileKind = new(path => IsAppSettingsPath(path) ? ListenReader : null);

    /// <summary>The environment of <c>appsettings.{Environment}.json</c>; null for <c>appsettings.json</c>.</summary>
    public static string? EnvironmentName<TModel>(this AdditionalFileEntry<TModel> file)
        where TModel : class
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

    private static bool IsAppSettingsPath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }
}
