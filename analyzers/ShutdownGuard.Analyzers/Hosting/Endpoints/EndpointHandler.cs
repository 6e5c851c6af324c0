using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>The code an endpoint runs: where it is, so a fix can edit it, and whether the project holds it.</summary>
internal sealed class EndpointHandler
{
    private EndpointHandler(HandlerKind kind, IMethodSymbol? method, Location? location, CodeUnit? unit)
    {
        Kind = kind;
        Method = method;
        Location = location;
        Unit = unit;
    }

    public HandlerKind Kind { get; }

    /// <summary>The lambda's, local function's or method's symbol; null when unknown.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>The lambda or the declaration of the local function or method; null when it is not in the project.</summary>
    public Location? Location { get; }

    /// <summary>The code to follow for a gate; null when it is not in the project.</summary>
    internal CodeUnit? Unit { get; }

    public static EndpointHandler ForMethod(IMethodSymbol method, bool inProject)
    {
        if (!inProject)
        {
            return new EndpointHandler(HandlerKind.Unknown, method, location: null, unit: null);
        }

        var kind = method.MethodKind == MethodKind.LocalFunction ? HandlerKind.LocalFunction : HandlerKind.Method;
        return new EndpointHandler(kind, method, method.Locations.Length > 0 ? method.Locations[0] : null, CodeUnit.Of(method));
    }

    /// <summary>The handler a delegate argument stands for.</summary>
    public static EndpointHandler From(IOperation? value, WellKnownTypes types)
    {
        switch (OperationTree.Source(value))
        {
            case IAnonymousFunctionOperation lambda:
                return new EndpointHandler(HandlerKind.Lambda, lambda.Symbol, lambda.Syntax.GetLocation(), CodeUnit.Of(lambda.Syntax));
            case IMethodReferenceOperation reference:
                return ForMethod(reference.Method, types.InProject(reference.Method));
            default:
                return new EndpointHandler(HandlerKind.Unknown, method: null, location: null, unit: null);
        }
    }
}
