using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Budget;
using ShutdownGuard.Container;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Analysis;

/// <summary>
/// The TCP ports the app listens on in one container, resolved as the host does: Kestrel endpoints (code, then
/// <c>Kestrel:Endpoints</c>) replace every address setting; <c>app.Urls</c> replaces configuration; any <c>urls</c>
/// setting beats any <c>http_ports</c> setting; the image's own variable is the last resort. Unknown (null) when two
/// sources of the level that decides disagree, when something the analysis cannot read may set an address (envFrom,
/// valueFrom, a template, the command line, a value that is not a constant), or when the image is not a known .NET image.
/// </summary>
internal sealed class AppPorts
{
    // The address on every interface: http://+:8080, http://*:8080, http://0.0.0.0:8080, http://[::]:8080.
    private static readonly Regex AnyInterfaceUrl = new(@"^https?://(?:\+|\*|0\.0\.0\.0|\[::\]):(?<port>\d{1,5})/?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // Options on a command line or variables that may configure an address in a way these sources do not follow.
    private static readonly Regex AddressOption = new("urls|http_ports|https_ports|kestrel", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private AppPorts(ImmutableArray<int> ports, string source)
    {
        Ports = ports;
        Source = source;
    }

    /// <summary>Distinct and sorted.</summary>
    public ImmutableArray<int> Ports { get; }

    /// <summary>What decided the ports, for messages: <c>ASPNETCORE_HTTP_PORTS=8080 of mcr.microsoft.com/dotnet/aspnet:10.0</c>.</summary>
    public string Source { get; }

    /// <summary>The app's ports in <paramref name="match"/>'s container; null when unknown.</summary>
    public static AppPorts? Resolve(ProgramFacts facts, ContainerMatch match)
    {
        var styles = facts.App.HostBuilds.Select(build => build.Style).Distinct().ToList();
        var container = match.Container;
        if (styles.Count != 1 || ListenAddressSources.Prefixes(styles[0]) is not { IsDefault: false } prefixes
            || facts.Images.IsEmpty || container.HasEnvFrom
            || container.Command.Concat(container.Args).Any(item => item.IsTemplate || AddressOption.IsMatch(item.Text)))
        {
            return null;
        }

        // Each Dockerfile may build the image that runs: they must agree.
        AppPorts? resolved = null;
        foreach (var image in facts.Images)
        {
            var ports = Resolve(facts, match, image, styles[0], prefixes);
            if (ports is null || (resolved is not null && !resolved.Ports.SequenceEqual(ports.Ports)))
            {
                return null;
            }

            resolved ??= ports;
        }

        return resolved;
    }

    private static AppPorts? Resolve(ProgramFacts facts, ContainerMatch match, ContainerImageInfo image, HostStyle style, ImmutableArray<string> prefixes)
    {
        if (ContainerImages.ListenVariable(image.Image) is not { } imageDefault || image.Environment is not { } buildEnvironment || AddressOption.IsMatch(image.StartCommand))
        {
            return null;
        }

        var environment = Environment(match, image, imageDefault, buildEnvironment);
        if (environment is null || environment.Any(entry => entry.Key.IndexOf("KESTREL", StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return null;
        }

        var sources = new List<Setting>();
        foreach (var setting in facts.App.ListenSettings)
        {
            sources.Add(new Setting(setting, SettingOrigin.Code));
        }

        foreach (var prefix in prefixes)
        {
            foreach (var (key, kind) in new[] { (ListenAddressSources.UrlsKey, ListenSettingKind.Urls), (ListenAddressSources.HttpPortsKey, ListenSettingKind.HttpPorts), (ListenAddressSources.HttpsPortsKey, ListenSettingKind.HttpsPorts) })
            {
                if (environment.TryGetValue(prefix + key.ToUpperInvariant(), out var variable))
                {
                    sources.Add(Setting.Of(kind, variable.Value, prefix + key.ToUpperInvariant() + "=" + variable.Value + " " + variable.Origin, variable.IsImageDefault ? SettingOrigin.Image : SettingOrigin.Environment));
                }
            }
        }

        if (ListenAddressSources.ReadsAppSettings(style) && !AddAppSettings(facts.AppSettings, EnvironmentName(facts, match, buildEnvironment), sources))
        {
            return null;
        }

        return Decide(sources);
    }

    /// <summary>The image's variable, overridden by the build's <c>ENV</c>, overridden by the container's <c>env</c>
    /// (names ignore case, as configuration does); null when a variable that matters cannot be read.</summary>
    private static Dictionary<string, Variable>? Environment(ContainerMatch match, ContainerImageInfo image, (string Name, string Value) imageDefault, ImmutableDictionary<string, string?> buildEnvironment)
    {
        var environment = new Dictionary<string, Variable>(StringComparer.OrdinalIgnoreCase)
        {
            [imageDefault.Name] = new Variable(imageDefault.Value, "of " + image.Image, isImageDefault: true),
        };
        var origin = image.Source == ContainerImageSource.Dockerfile ? "in the Dockerfile" : "in ContainerEnvironmentVariable";
        foreach (var entry in buildEnvironment)
        {
            if (entry.Value is null && Matters(entry.Key))
            {
                return null;
            }

            environment[entry.Key] = new Variable(entry.Value ?? string.Empty, origin);
        }

        var file = match.Workload.File;
        foreach (var entry in match.Container.Env)
        {
            var name = entry.Name.Text;
            if (Matters(name) && (entry.HasValueFrom || entry.Value is null || entry.Value.IsTemplate || entry.Value.Text.Contains("$(")))
            {
                return null;
            }

            environment[name] = new Variable(entry.Value?.Text ?? string.Empty, "(" + file.Describe(entry.Span) + ")");
        }

        return environment;
    }

    private static bool Matters(string name) => AddressOption.IsMatch(name) || name.EndsWith("_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    /// <summary>The environment the host runs in, as for every rule; unknown when the image's build names one too.</summary>
    private static string? EnvironmentName(ProgramFacts facts, ContainerMatch match, ImmutableDictionary<string, string?> buildEnvironment) =>
        buildEnvironment.Keys.Any(name => name.EndsWith("_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)) ? null : HostEnvironment.Name(facts.App, match);

    /// <summary><c>appsettings.json</c> and the environment's file; false when an environment-specific file sets an
    /// address and the environment is unknown, or a file sets one in a way that is not read.</summary>
    private static bool AddAppSettings(ImmutableArray<AdditionalFileEntry<AppSettingsValues>> files, string? environment, List<Setting> sources)
    {
        var applying = new List<(AdditionalFileEntry<AppSettingsValues> File, AppSettingsListen Settings)>();
        foreach (var file in files)
        {
            if (AppSettingsListen.From(file.Model) is not { } listen)
            {
                continue;
            }

            var fileEnvironment = file.EnvironmentName();
            if (fileEnvironment is not null && environment is null)
            {
                return false;
            }

            if (fileEnvironment is null || string.Equals(fileEnvironment, environment, StringComparison.OrdinalIgnoreCase))
            {
                applying.Add((file, listen));
            }
        }

        // Endpoints of two files merge by name, which is not modelled.
        if (applying.Any(item => !item.Settings.IsKnown) || applying.Count(item => item.Settings.HasEndpoints) > 1)
        {
            return false;
        }

        foreach (var (file, settings) in applying)
        {
            var where = " in " + file.DisplayPath;
            foreach (var url in settings.EndpointUrls)
            {
                sources.Add(Setting.Of(ListenSettingKind.Endpoint, url is null ? null : Port(url)?.ToString(CultureInfo.InvariantCulture), "Kestrel:Endpoints" + where, SettingOrigin.File));
            }

            if (settings.HasEndpoints && settings.EndpointUrls.IsEmpty)
            {
                return false;
            }

            foreach (var (kind, key, value) in new[] { (ListenSettingKind.Urls, ListenAddressSources.UrlsKey, settings.Urls), (ListenSettingKind.HttpPorts, ListenAddressSources.HttpPortsKey, settings.HttpPorts), (ListenSettingKind.HttpsPorts, ListenAddressSources.HttpsPortsKey, settings.HttpsPorts) })
            {
                if (value is not null)
                {
                    sources.Add(Setting.Of(kind, value, key + "=" + value + where, SettingOrigin.File));
                }
            }
        }

        return true;
    }

    /// <summary>The first level that has a source decides; its sources must agree (the order between them is not
    /// modelled), except that code and appsettings override the image's own variable, which the host reads first.</summary>
    private static AppPorts? Decide(List<Setting> sources)
    {
        if (sources.Any(source => source.Value.Value is null))
        {
            return null;
        }

        foreach (var level in new[] { new[] { ListenSettingKind.Endpoint }, new[] { ListenSettingKind.Address }, new[] { ListenSettingKind.Urls }, new[] { ListenSettingKind.HttpPorts, ListenSettingKind.HttpsPorts } })
        {
            var deciding = sources.Where(source => level.Contains(source.Value.Kind)).ToList();
            if (deciding.Count == 0)
            {
                continue;
            }

            if (deciding.Any(source => source.Origin is SettingOrigin.Code or SettingOrigin.File))
            {
                deciding.RemoveAll(source => source.Origin == SettingOrigin.Image);
            }

            var ports = new List<int>();
            foreach (var group in deciding.GroupBy(source => source.Value.Kind))
            {
                // Endpoints and app.Urls add up; settings of one key replace each other.
                var values = group.Key is ListenSettingKind.Endpoint or ListenSettingKind.Address
                    ? group.Select(source => source.Value.Value!).ToList()
                    : group.Select(source => source.Value.Value!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (group.Key is not (ListenSettingKind.Endpoint or ListenSettingKind.Address) && values.Count > 1)
                {
                    return null;
                }

                foreach (var value in values)
                {
                    if (ParsePorts(group.Key, value) is not { } parsed)
                    {
                        return null;
                    }

                    ports.AddRange(parsed);
                }
            }

            return ports.Count == 0 ? null : new AppPorts(ports.Distinct().OrderBy(port => port).ToImmutableArray(), deciding[0].Value.Description);
        }

        return null;
    }

    /// <summary>The ports of a value: a port list for <c>http_ports</c>/<c>https_ports</c> and endpoints, a URL list otherwise.</summary>
    private static List<int>? ParsePorts(ListenSettingKind kind, string value)
    {
        var ports = new List<int>();
        foreach (var item in value.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(item => item.Trim()))
        {
            var port = kind is ListenSettingKind.Urls or ListenSettingKind.Address ? Port(item)
                : int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
            if (port is not (> 0 and <= 65535))
            {
                return null;
            }

            ports.Add(port.Value);
        }

        return ports;
    }

    /// <summary>The port of a URL that listens on every interface; null for anything else (localhost, a host name, no port).</summary>
    private static int? Port(string url) =>
        AnyInterfaceUrl.Match(url.Trim()) is { Success: true } match ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : null;

    private enum SettingOrigin
    {
        Code,
        File,
        Environment,
        Image,
    }

    /// <summary>A source of the app's addresses and where it comes from; those outside code have no location.</summary>
    private readonly struct Setting
    {
        public Setting(ListenSetting value, SettingOrigin origin)
        {
            Value = value;
            Origin = origin;
        }

        public ListenSetting Value { get; }

        public SettingOrigin Origin { get; }

        public static Setting Of(ListenSettingKind kind, string? value, string description, SettingOrigin origin) =>
            new(new ListenSetting(kind, value, Location.None, description), origin);
    }

    private sealed class Variable
    {
        public Variable(string value, string origin, bool isImageDefault = false)
        {
            Value = value;
            Origin = origin;
            IsImageDefault = isImageDefault;
        }

        /// <summary>The image's own variable, not overridden by the build or the container.</summary>
        public bool IsImageDefault { get; }

        public string Value { get; }

        /// <summary><c>of mcr.microsoft.com/dotnet/aspnet:10.0</c>, <c>in the Dockerfile</c>, <c>(k8s/deployment.yaml:20)</c>.</summary>
        public string Origin { get; }
    }
}
