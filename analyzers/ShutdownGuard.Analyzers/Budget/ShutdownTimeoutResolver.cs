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
/// Decides the ShutdownTimeout of one container: code that sets <c>HostOptions</c> wins over configuration (several
/// registrations apply in order); one configuration source gives the value; two sources (whose precedence differs by
/// builder), an environment variable that cannot be read (a Secret, a ConfigMap not among the manifests) or container
/// <c>args</c> that mention the key make it unknown; else the hosting version's default. Values the code reads from
/// configuration are read in the container's configuration.
/// </summary>
internal static class ShutdownTimeoutResolver
{
    public static EffectiveShutdownTimeout Resolve(AppModel app, HostStyle style, ImmutableArray<AdditionalFileEntry<AppSettingsValues>> appSettings, ContainerMatch? container)
    {
        var environment = HostEnvironment.Name(app, container);
        var configuration = new ContainerConfiguration(style, appSettings, container, environment);
        if (ShutdownTimeoutSources.HonoursHostOptions(style)
            && FromCode(app.TimeoutSettings.Where(setting => !setting.IsConfiguration).ToList(), configuration) is { } code)
        {
            return code;
        }

        var sources = new List<EffectiveShutdownTimeout>();
        sources.AddRange(app.TimeoutSettings.Where(setting => setting.IsConfiguration).Select(setting => Evaluate(setting, configuration) ?? EffectiveShutdownTimeout.Unknown));

        if (container is not null && !AddManifestSources(style, container, sources))
        {
            return EffectiveShutdownTimeout.Unknown;
        }

        if (ShutdownTimeoutSources.ReadsAppSettings(style) && !AddAppSettings(appSettings, environment, sources))
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

    /// <summary>
    /// The value the code's registrations of <c>HostOptions</c> leave; null when none sets it (none exists, or each binds a
    /// key that no source has). With different values the last registration wins when their order is known.
    /// </summary>
    private static EffectiveShutdownTimeout? FromCode(IReadOnlyList<TimeoutSetting> settings, IAppConfiguration configuration)
    {
        var applied = new List<(TimeoutSetting Setting, EffectiveShutdownTimeout Value)>();
        foreach (var setting in settings)
        {
            if (Evaluate(setting, configuration) is not { } value)
            {
                continue;
            }

            if (value.Seconds is null)
            {
                return EffectiveShutdownTimeout.Unknown;
            }

            applied.Add((setting, value));
        }

        if (applied.Count == 0)
        {
            return null;
        }

        if (applied.Select(item => item.Value.Seconds).Distinct().Count() == 1)
        {
            return applied[applied.Count - 1].Value;
        }

        var orders = applied.Select(item => item.Setting.Order).ToList();
        return orders.All(order => order is not null && order.Block == orders[0]!.Block)
            && orders.Select(order => order!.Position).Distinct().Count() == orders.Count
                ? applied.OrderBy(item => item.Setting.Order!.Position).Last().Value
                : EffectiveShutdownTimeout.Unknown;
    }

    /// <summary>The value one setting gives in this configuration; null when it sets nothing.</summary>
    private static EffectiveShutdownTimeout? Evaluate(TimeoutSetting setting, IAppConfiguration configuration)
    {
        if (setting.Configured is null)
        {
            return EffectiveShutdownTimeout.FromCode(setting);
        }

        return setting.Configured.Evaluate(configuration) is { } value ? EffectiveShutdownTimeout.FromConfiguredCode(setting, value) : null;
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
    private static bool AddAppSettings(ImmutableArray<AdditionalFileEntry<AppSettingsValues>> files, string? environment, List<EffectiveShutdownTimeout> sources)
    {
        if (!AppSettingsFiles.TryFind(files, environment, ShutdownTimeoutSources.ConfigurationKey, out var file, out var value))
        {
            return false;
        }

        if (file is not null && value is not null)
        {
            sources.Add(EffectiveShutdownTimeout.FromElsewhere(value.AsWholeSeconds(), file.Describe(value.Span), file.GetLocation(value.Span)));
        }

        return true;
    }

    /// <summary>Configuration binds the key as an integer; quotes do not matter in an env value.</summary>
    private static double? WholeSeconds(ManifestScalar? value) =>
        value is { IsTemplate: false } && int.TryParse(value.Text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
}
