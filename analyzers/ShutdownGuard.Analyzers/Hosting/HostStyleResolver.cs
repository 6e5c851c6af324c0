using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>Traces the builder a <c>Build()</c> is called on back to where it was created.</summary>
internal sealed class HostStyleResolver
{
    /// <summary>Fluent calls and locals are followed this deep.</summary>
    private const int MaxDepth = 32;

    private readonly WellKnownTypes _types;

    public HostStyleResolver(WellKnownTypes types) => _types = types;

    public StyleTrace Trace(IOperation? builder) => builder is null ? StyleTrace.Unknown : Trace(builder, 0);

    private static bool IsWebHostConfiguration(IMethodSymbol method) => method.Name is "ConfigureWebHostDefaults" or "ConfigureWebHost";

    private StyleTrace Trace(IOperation operation, int depth)
    {
        if (depth >= MaxDepth)
        {
            return StyleTrace.Unknown;
        }

        switch (OperationTree.Strip(operation))
        {
            case IInvocationOperation invocation:
                return TraceCall(invocation, depth);
            case IObjectCreationOperation creation when WellKnownTypes.Is(creation.Type, _types.HostBuilder):
                return StyleTrace.Known(HostStyle.PlainHostBuilder);
            case IObjectCreationOperation creation when WellKnownTypes.Is(creation.Type, _types.WebHostBuilder):
                return StyleTrace.Known(HostStyle.LegacyWebHost);
            case ILocalReferenceOperation local when OperationTree.LocalValue(local) is { } value:
                var trace = Trace(value, depth + 1);
                return ConfiguresWebHost(local) ? trace.WithWeb() : trace;
            default:
                return StyleTrace.Unknown;
        }
    }

    private StyleTrace TraceCall(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (method is { IsStatic: true, IsExtensionMethod: false } && Created(method) is { } style)
        {
            return StyleTrace.Known(style);
        }

        var receiver = OperationTree.Receiver(invocation);
        if (IsWebHostConfiguration(method) && receiver is not null)
        {
            return Trace(receiver, depth + 1).WithWeb();
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return OperationTree.LocalFunctionValue(invocation, method) is { } value ? Trace(value, depth + 1) : StyleTrace.Unknown;
        }

        if (!_types.IsBuilder(method.ReturnType))
        {
            return StyleTrace.Unknown;
        }

        // A fluent call returns the builder it was called on.
        if (receiver is not null)
        {
            return Trace(receiver, depth + 1);
        }

        return method.DeclaringSyntaxReferences.IsEmpty ? StyleTrace.Unknown : StyleTrace.ReturnedBy(method.OriginalDefinition);
    }

    /// <summary>The style of the framework's builder factories.</summary>
    private HostStyle? Created(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (WellKnownTypes.Is(type, _types.WebApplication))
        {
            return method.Name switch
            {
                "CreateBuilder" or "CreateSlimBuilder" => HostStyle.WebApplication,
                "CreateEmptyBuilder" => HostStyle.WebApplicationEmpty,
                _ => null,
            };
        }

        if (WellKnownTypes.Is(type, _types.Host))
        {
            return method.Name switch
            {
                "CreateDefaultBuilder" => HostStyle.GenericHost,
                "CreateApplicationBuilder" => HostStyle.ApplicationBuilder,
                "CreateEmptyApplicationBuilder" => HostStyle.EmptyApplicationBuilder,
                _ => null,
            };
        }

        return WellKnownTypes.Is(type, _types.WebHost) && method.Name == "CreateDefaultBuilder" ? HostStyle.LegacyWebHost : null;
    }

    /// <summary>A statement such as <c>builder.ConfigureWebHostDefaults(…);</c> on the local itself.</summary>
    private static bool ConfiguresWebHost(ILocalReferenceOperation local)
    {
        foreach (var operation in OperationTree.Root(local).Descendants())
        {
            if (operation is IInvocationOperation invocation
                && IsWebHostConfiguration(invocation.TargetMethod)
                && OperationTree.Receiver(invocation) is { } receiver
                && OperationTree.Strip(receiver) is ILocalReferenceOperation target
                && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
            {
                return true;
            }
        }

        return false;
    }
}
