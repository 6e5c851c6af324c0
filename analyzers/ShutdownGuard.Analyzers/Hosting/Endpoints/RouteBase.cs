using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// The prefix a route builder adds: the route groups it was made from, relative to the builder a method of the project
/// received as a parameter (its callers supply the rest). <see cref="Prefix"/> is null when a prefix is not constant.
/// </summary>
internal readonly struct RouteBase
{
    private RouteBase(IParameterSymbol? parameter, string? prefix)
    {
        Parameter = parameter;
        Prefix = prefix;
    }

    public static RouteBase Root { get; } = new(parameter: null, "/");

    /// <summary>The builder parameter of a method in the project this prefix is relative to.</summary>
    public IParameterSymbol? Parameter { get; }

    public string? Prefix { get; }

    public bool IsKnown => Prefix is not null;

    /// <summary>The route builder an operation yields: <c>app</c>, <c>app.MapGroup("/x")</c>, a local holding a group, a parameter.</summary>
    public static RouteBase Of(IOperation? builder, WellKnownTypes types)
    {
        // Bounded: nested groups are followed one call at a time.
        for (var depth = 0; depth < 16; depth++)
        {
            switch (OperationTree.Source(builder))
            {
                case IInvocationOperation { TargetMethod.Name: "MapGroup" } group:
                    var inner = Of(OperationTree.Receiver(group), types);
                    var prefix = OperationTree.Argument(group, "prefix")?.Value.ConstantValue;
                    return inner.IsKnown && prefix is { HasValue: true, Value: string text }
                        ? new RouteBase(inner.Parameter, RouteTemplate.Combine(inner.Prefix!, text))
                        : new RouteBase(inner.Parameter, prefix: null);
                case IInvocationOperation convention when ReturnsItsBuilder(convention.TargetMethod):
                    // RequireAuthorization, WithTags, …: the group they were called on, returned as is.
                    builder = OperationTree.Receiver(convention);
                    continue;
                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol method } parameter
                    when method.MethodKind is not MethodKind.AnonymousFunction && types.InProject(method):
                    return new RouteBase(parameter.Parameter.OriginalDefinition, "/");
                default:
                    return Root;
            }
        }

        return new RouteBase(parameter: null, prefix: null);
    }

    /// <summary>This prefix, with the caller's prefix for the parameter it is relative to.</summary>
    public RouteBase Under(RouteBase caller) =>
        Prefix is null || caller.Prefix is null ? new RouteBase(caller.Parameter, prefix: null) : new RouteBase(caller.Parameter, RouteTemplate.Combine(caller.Prefix, Prefix));

    private static bool ReturnsItsBuilder(IMethodSymbol method) =>
        method.IsExtensionMethod && method.Parameters.Length > 0
        && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition.ReturnType, method.OriginalDefinition.Parameters[0].Type);
}
