using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>The hosting types a compilation references. Without them there is no host to check.</summary>
internal sealed class HostingSymbols
{
    private HostingSymbols(INamedTypeSymbol? host, INamedTypeSymbol? webHost)
    {
        Host = host;
        WebHost = webHost;
    }

    /// <summary><c>Microsoft.Extensions.Hosting.IHost</c> (generic host, <c>WebApplication</c>).</summary>
    public INamedTypeSymbol? Host { get; }

    /// <summary><c>Microsoft.AspNetCore.Hosting.IWebHost</c> (legacy <c>WebHost</c>).</summary>
    public INamedTypeSymbol? WebHost { get; }

    /// <summary>Null when the compilation references no hosting at all: the cheap bail-out for libraries.</summary>
    public static HostingSymbols? TryCreate(Compilation compilation)
    {
        var host = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHost");
        var webHost = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.IWebHost");
        return host is null && webHost is null ? null : new HostingSymbols(host, webHost);
    }

    /// <summary>True for <c>builder.Build()</c> of any host style: it returns an <c>IHost</c> or a legacy <c>IWebHost</c>.</summary>
    public bool IsHostBuild(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "Build" || method.ReturnType is not INamedTypeSymbol returnType)
        {
            return false;
        }

        return HostingTypes.IsOrImplements(returnType, Host) || HostingTypes.IsOrImplements(returnType, WebHost);
    }
}
