using System;
using System.Collections.Immutable;
using System.Linq;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Budget;

/// <summary>
/// The app's configuration in one container, as the default builders layer it: the container's env (<c>__</c> for
/// <c>:</c>) over <c>appsettings.{Environment}.json</c> over <c>appsettings.json</c>. Without a container only the
/// appsettings count, as for <c>shutdownTimeoutSeconds</c>.
/// </summary>
internal sealed class ContainerConfiguration : IAppConfiguration
{
    private static readonly string[] EnvironmentPrefixes = { "DOTNET_", "ASPNETCORE_" };

    private readonly HostStyle _style;
    private readonly ImmutableArray<AdditionalFileEntry<AppSettingsValues>> _appSettings;
    private readonly ContainerMatch? _container;
    private readonly string? _environment;

    /// <param name="environment">The environment the container runs in; null when unknown.</param>
    public ContainerConfiguration(HostStyle style, ImmutableArray<AdditionalFileEntry<AppSettingsValues>> appSettings, ContainerMatch? container, string? environment)
    {
        _style = style;
        _appSettings = appSettings;
        _container = container;
        _environment = environment;
    }

    public bool TryRead(string key, bool environmentOnly, out ConfigurationValue? value)
    {
        value = null;

        // The other builders start from an empty configuration: what the app adds to it is not known here.
        if (!environmentOnly && !ShutdownTimeoutSources.ReadsAppSettings(_style))
        {
            return false;
        }

        if (_container is { } match && !TryReadEnvironment(match, key, environmentOnly, out value))
        {
            return false;
        }

        if (value is not null || environmentOnly)
        {
            return true;
        }

        if (!AppSettingsFiles.TryFind(_appSettings, _environment, key, out var file, out var setting))
        {
            return false;
        }

        if (file is not null && setting is not null)
        {
            value = new ConfigurationValue(setting.Text, Describe(key, setting.Text, file.Describe(setting.Span)), file.GetLocation(setting.Span));
        }

        return true;
    }

    /// <summary>False when the container may set the key in a way that cannot be read (<c>envFrom</c>, <c>valueFrom</c>,
    /// a prefixed variable whose precedence differs by builder, command-line arguments).</summary>
    private static bool TryReadEnvironment(ContainerMatch match, string key, bool environmentOnly, out ConfigurationValue? value)
    {
        value = null;
        var container = match.Container;
        if (container.HasEnvFrom)
        {
            return false;
        }

        if (!environmentOnly
            && (container.Args.Any(arg => arg.IsTemplate || arg.Text.IndexOf(key, StringComparison.OrdinalIgnoreCase) >= 0)
                || container.Env.Any(entry => EnvironmentPrefixes.Any(prefix => entry.Name.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && IsKey(entry.Name.Text.Substring(prefix.Length), key)))))
        {
            return false;
        }

        // Kubernetes keeps the last of two entries with the same name.
        var entry = container.Env.LastOrDefault(entry => environmentOnly ? entry.Name.Text == key : IsKey(entry.Name.Text, key));
        if (entry is null)
        {
            return true;
        }

        if (entry.HasValueFrom || entry.Value is not { IsTemplate: false } text)
        {
            return false;
        }

        var file = match.Workload.File;
        value = new ConfigurationValue(text.Text, Describe(entry.Name.Text, text.Text, file.Describe(entry.Span)), file.GetLocation(entry.Span));
        return true;
    }

    /// <summary>Configuration reads <c>__</c> in a variable's name as <c>:</c>, ignoring case.</summary>
    private static bool IsKey(string variable, string key) => string.Equals(variable.Replace("__", ":"), key, StringComparison.OrdinalIgnoreCase);

    private static string Describe(string key, string? text, string place) =>
        text is null ? $"{key} ({place})" : $"{key} \"{text}\" ({place})";
}
