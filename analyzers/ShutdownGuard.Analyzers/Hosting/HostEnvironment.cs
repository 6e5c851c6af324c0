using System;
using System.Collections.Immutable;
using System.Linq;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Hosting;

/// <summary>
/// The environment a host runs in (<c>IHostEnvironment.EnvironmentName</c>), resolved per builder as the host does, for
/// the conditions in the code and for <c>appsettings.{Environment}.json</c> alike. <c>WebApplication.CreateBuilder</c>
/// reads <c>ASPNETCORE_ENVIRONMENT</c> and then <c>DOTNET_ENVIRONMENT</c> (the latter wins);
/// <c>Host.CreateDefaultBuilder().ConfigureWebHostDefaults</c> reads them the other way round; the generic builders read
/// only <c>DOTNET_ENVIRONMENT</c> and the legacy <c>WebHost</c> only <c>ASPNETCORE_ENVIRONMENT</c>. Production when
/// nothing sets it. launchSettings.json never reaches a container, so it is not read.
/// </summary>
internal static class HostEnvironment
{
    public const string Production = "Production";

    private const string DotnetVariable = "DOTNET_ENVIRONMENT";
    private const string AspNetCoreVariable = "ASPNETCORE_ENVIRONMENT";

    private static readonly ImmutableArray<string> BothVariables = ImmutableArray.Create(AspNetCoreVariable, DotnetVariable);

    /// <summary>The environments the program runs in: one per matched container (without one, the program's own), as
    /// names, null where unknown.</summary>
    public static ImmutableArray<string?> Of(AppModel app, ImmutableArray<ContainerMatch> matches) => matches.IsEmpty
        ? ImmutableArray.Create(Name(app, null))
        : matches.Select(match => Name(app, match)).ToImmutableArray();

    /// <summary>The environment of the app's host in the container (without one, as the code alone says); null when unknown:
    /// an environment name in code that is not a constant or disagrees with the container's, the container's command line
    /// naming an environment, a variable whose value cannot be read (a template, a Secret, a ConfigMap not among the
    /// manifests), or a variable set for a builder that may or may not read it.</summary>
    public static string? Name(AppModel app, ContainerMatch? match)
    {
        if (app.EnvironmentNames.Contains(null))
        {
            return null;
        }

        var fromCode = app.EnvironmentNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (fromCode.Count > 1)
        {
            return null;
        }

        string? fromContainer = null;
        if (match?.Container is { } container)
        {
            if (container.Command.Concat(container.Args).Any(item => item.IsTemplate || item.Text.IndexOf("environment", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return null;
            }

            if (!FromVariables(match.Environment, app.Style, out fromContainer))
            {
                return null;
            }
        }

        if (fromCode.Count == 1)
        {
            return fromContainer is null || string.Equals(fromContainer, fromCode[0], StringComparison.OrdinalIgnoreCase) ? fromCode[0] : null;
        }

        return fromContainer ?? Production;
    }

    /// <summary>The name the builder reads from the container's variables (null when it reads none that is set); false when unknown.</summary>
    private static bool FromVariables(ContainerEnvironment environment, HostStyle style, out string? name)
    {
        name = null;
        var read = Read(style);
        foreach (var variable in read.IsDefault ? BothVariables : read)
        {
            var found = environment.Find(variable);
            if (!found.IsSet)
            {
                continue;
            }

            if (found.IsUnknown || found.Value is not { IsTemplate: false } value || (read.IsDefault && name is not null && name != value.Text))
            {
                return false;
            }

            name = value.Text;
        }

        // A builder without default sources reads them only if the code adds environment variables to its configuration.
        return read.IsDefault || !read.IsEmpty || !BothVariables.Any(variable => environment.Find(variable).IsSet);
    }

    /// <summary>The variables the builder reads, the winning one last; default when the builder is unknown (then both
    /// count and must agree).</summary>
    private static ImmutableArray<string> Read(HostStyle style) => style switch
    {
        HostStyle.WebApplication => BothVariables,
        HostStyle.GenericHostWithWeb => ImmutableArray.Create(DotnetVariable, AspNetCoreVariable),
        HostStyle.GenericHost or HostStyle.ApplicationBuilder => ImmutableArray.Create(DotnetVariable),
        HostStyle.LegacyWebHost => ImmutableArray.Create(AspNetCoreVariable),
        HostStyle.Unknown => default,
        _ => ImmutableArray<string>.Empty,
    };
}
