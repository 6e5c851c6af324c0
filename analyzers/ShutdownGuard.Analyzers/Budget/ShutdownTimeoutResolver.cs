using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Budget;

/// <summary>
/// Decides the ShutdownTimeout of one container: code that sets <c>HostOptions</c> wins over configuration; one
/// configuration source gives the value; two sources (whose precedence differs by builder), an environment variable
/// that cannot be read (a Secret, a ConfigMap not among the manifests) or container <c>args</c> that mention the key
/// make it unknown; else the hosting version's default.
/// </summary>
internal static class ShutdownTimeoutResolver
{
    public static EffectiveShutdownTimeout Resolve(AppModel app, HostStyle style, ImmutableArray<AdditionalFileEntry<AppSettingsTimeout>> appSettings, ContainerMatch? container)
    {
        if (ShutdownTimeoutSources.HonoursHostOptions(style))
        {
            var code = app.TimeoutSettings.Where(setting => !setting.IsConfiguration).ToList();
            if (code.Count > 0)
            {
                // Several registrations apply in order; with different values the order decides, and it is not known here.
                return code.Select(setting => setting.Seconds).Distinct().Count() == 1 && code[0].Seconds is not null
                    ? EffectiveShutdownTimeout.FromCode(code[code.Count - 1])
                    : EffectiveShutdownTimeout.Unknown;
            }
        }

        var sources = new List<EffectiveShutdownTimeout>();
        sources.AddRange(app.TimeoutSettings.Where(setting => setting.IsConfiguration).Select(EffectiveShutdownTimeout.FromCode));

        if (container is not null && !AddManifestSources(style, container, sources))
        {
            return EffectiveShutdownTimeout.Unknown;
        }

        if (ShutdownTimeoutSources.ReadsAppSettings(style) && !AddAppSettings(appSettings, HostEnvironment.Name(app, container), sources))
        {
            return EffectiveShutdownTimeout.Unknown;
        }

        return sources.Count switch
        {
            0 => app.HostingVersion.DefaultShutdownTimeout(style) is { } value ? EffectiveShutdownTimeout.FromDefault(value) : EffectiveShutdownTimeout.Unknown,
            1 => sources[0],
            _ => EffectiveShutdownTimeout.Unknown,
        };
    }

    /// <summary>False when the container may set the value in a way that cannot be read.</summary>
    private static bool AddManifestSources(HostStyle style, ContainerMatch match, List<EffectiveShutdownTimeout> sources)
    {
        var container = match.Container;
        if (container.Args.Any(arg => arg.IsTemplate || arg.Text.IndexOf(ShutdownTimeoutSources.ConfigurationKey, StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return false;
        }

        foreach (var name in ShutdownTimeoutSources.EnvironmentVariables(style))
        {
            var variable = match.Environment.Find(name);
            if (variable.IsUnknown)
            {
                return false;
            }

            if (variable.Location is { } location)
            {
                sources.Add(EffectiveShutdownTimeout.FromElsewhere(WholeSeconds(variable.Value), variable.Source, location));
            }
        }

        return true;
    }

    /// <summary><c>appsettings.{Environment}.json</c> overrides <c>appsettings.json</c>; together they are one source.
    /// False when the environment is unknown and an environment-specific file sets the value.</summary>
    private static bool AddAppSettings(ImmutableArray<AdditionalFileEntry<AppSettingsTimeout>> files, string? environment, List<EffectiveShutdownTimeout> sources)
    {
        var specific = files.Where(file => file.EnvironmentName() is not null).ToList();
        if (environment is null && specific.Count > 0)
        {
            return false;
        }

        var applying = specific.LastOrDefault(file => string.Equals(file.EnvironmentName(), environment, StringComparison.OrdinalIgnoreCase))
            ?? files.LastOrDefault(file => file.EnvironmentName() is null);
        if (applying is not null)
        {
            sources.Add(EffectiveShutdownTimeout.FromElsewhere(applying.Model.Seconds, applying.Describe(applying.Model.Span), applying.GetLocation(applying.Model.Span)));
        }

        return true;
    }

    /// <summary>Configuration binds the key as an integer; quotes do not matter in an env value.</summary>
    private static double? WholeSeconds(ManifestScalar? value) =>
        value is { IsTemplate: false } && int.TryParse(value.Text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
}
