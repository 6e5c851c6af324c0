using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>Where a hosted service is registered relative to the server (<c>GenericWebHostService</c>).</summary>
internal enum HostedServicePlacement
{
    /// <summary>Somewhere the registration's order cannot be told from (e.g. <c>builder.Services</c>, a helper method).</summary>
    Elsewhere,

    /// <summary>In <c>IWebHostBuilder.ConfigureServices</c>, <c>Startup.ConfigureServices</c>, or <c>IHostBuilder.ConfigureServices</c>
    /// chained before <c>ConfigureWebHostDefaults</c>: registered before the server.</summary>
    BeforeServer,

    /// <summary>In <c>IHostBuilder.ConfigureServices</c> chained after <c>ConfigureWebHostDefaults</c>: registered after the server.</summary>
    AfterServer,
}

/// <summary>
/// Hosted services stop in reverse registration order. <c>WebApplicationBuilder</c> registers the server after every
/// service of the app, so they all stop after it; <c>ConfigureWebHost</c> registers it after running its lambda; the
/// legacy <c>WebHost</c> stops its server before its hosted services.
/// </summary>
internal static class HostedServiceOrder
{
    public static HostedServicePlacement Placement(IInvocationOperation registration, ISymbol containingSymbol, WellKnownTypes types)
    {
        var function = OperationTree.EnclosingFunction(registration);
        if (function is IAnonymousFunctionOperation lambda
            && OperationTree.Parent(lambda) is IDelegateCreationOperation creation
            && OperationTree.Parent(creation) is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ConfigureServices" } configure }
            && OperationTree.Receiver(configure) is { } builder)
        {
            if (types.IsOrImplements(builder.Type, types.IWebHostBuilder))
            {
                return HostedServicePlacement.BeforeServer;
            }

            return types.IsOrImplements(builder.Type, types.IHostBuilder) ? InHostBuilderChain(builder) : HostedServicePlacement.Elsewhere;
        }

        // Startup.ConfigureServices(IServiceCollection) runs where the web host configures its services.
        return function is null && containingSymbol is IMethodSymbol { Name: "ConfigureServices", IsStatic: false, Parameters.Length: 1 } method
            && method.Parameters[0].Type.Name == "IServiceCollection"
            ? HostedServicePlacement.BeforeServer
            : HostedServicePlacement.Elsewhere;
    }

    /// <summary>Whether a service stops before the server, from where it is registered; null when its registrations (none
    /// included) or the host do not tell.</summary>
    public static bool? StopsBeforeServer(IEnumerable<HostedServicePlacement> registrations, ImmutableArray<HostBuild> builds)
    {
        var styles = builds.Select(build => build.Style).Distinct().ToList();
        if (styles.Count != 1)
        {
            return null;
        }

        var orders = registrations
            .Select(placement => StopsBeforeServer(styles[0], placement))
            .Distinct()
            .ToList();
        return orders.Count == 1 ? orders[0] : null;
    }

    private static bool? StopsBeforeServer(HostStyle style, HostedServicePlacement placement) => style switch
    {
        HostStyle.WebApplication or HostStyle.WebApplicationEmpty or HostStyle.LegacyWebHost => false,
        HostStyle.GenericHostWithWeb => placement switch
        {
            HostedServicePlacement.BeforeServer => false,
            HostedServicePlacement.AfterServer => true,
            _ => null,
        },
        _ => null,
    };

    /// <summary>A <c>ConfigureServices</c> on this builder chain: after the server when <c>ConfigureWebHost</c> comes
    /// earlier in the chain, before it when the chain starts at the builder's creation without one.</summary>
    private static HostedServicePlacement InHostBuilderChain(IOperation builder)
    {
        for (var current = OperationTree.Strip(builder); ; )
        {
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "ConfigureWebHostDefaults" or "ConfigureWebHost" }:
                    return HostedServicePlacement.AfterServer;
                case IInvocationOperation call when OperationTree.Receiver(call) is { } receiver:
                    current = OperationTree.Strip(receiver);
                    break;
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "CreateDefaultBuilder" } }:
                case IObjectCreationOperation:
                    return HostedServicePlacement.BeforeServer;
                default:
                    return HostedServicePlacement.Elsewhere;
            }
        }
    }
}
