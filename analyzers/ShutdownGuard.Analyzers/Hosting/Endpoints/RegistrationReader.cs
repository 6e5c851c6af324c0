using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// Reads a health check registration: a call outside the project on <c>IHealthChecksBuilder</c> that returns it
/// (<c>AddCheck</c>, <c>AddTypeActivatedCheck</c>, <c>AddAsyncCheck</c>, the lifecycle checks, and the extension methods
/// of health check packages, which follow the same <c>name</c> / <c>tags</c> parameter convention). Registrations the
/// project wraps in its own extension methods are read inside those methods.
/// </summary>
internal static class RegistrationReader
{
    public static HealthCheckRegistration? TryRead(IInvocationOperation invocation, WellKnownTypes types)
    {
        var method = invocation.TargetMethod;
        if (!method.Name.StartsWith("Add", System.StringComparison.Ordinal)
            || !WellKnownTypes.Is(method.ReturnType, types.IHealthChecksBuilder)
            || !types.IsOrImplements(OperationTree.Receiver(invocation)?.Type, types.IHealthChecksBuilder)
            || types.InProject(method))
        {
            return null;
        }

        var isLifecycle = method.Name is "AddApplicationLifecycleHealthCheck" or "AddApplicationStatus";
        var checkType = CheckType(invocation);
        var implementation = Implementation(invocation, checkType, types);

        // Without the project's code to follow: lifecycle checks fail on stopping; other code outside the project (health
        // check packages probe dependencies) knows nothing about shutdown; a type parameter or a delegate variable is unknown.
        bool? isGated = isLifecycle || (implementation is null && !Unresolved(invocation, checkType)) ? isLifecycle : null;
        return new HealthCheckRegistration(Name(invocation), Tags(invocation), checkType, isLifecycle, OperationTree.CallLocation(invocation), implementation, EnvironmentConditionReader.Guard(invocation, types), isGated);
    }

    private static string? Name(IInvocationOperation invocation)
    {
        var argument = OperationTree.Argument(invocation, "name");
        if (argument is null)
        {
            return null;
        }

        return argument.Value.ConstantValue is { HasValue: true, Value: string name } ? name : null;
    }

    /// <summary>Constant tags: an array, a collection expression, a <c>params</c> list; none given is none.</summary>
    private static ImmutableArray<string> Tags(IInvocationOperation invocation)
    {
        var argument = OperationTree.Argument(invocation, "tags");
        if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return ImmutableArray<string>.Empty;
        }

        if (argument.Syntax is ArgumentSyntax { Expression: CollectionExpressionSyntax collection })
        {
            return CollectionTags(collection, invocation.SemanticModel);
        }

        var source = OperationTree.Source(argument.Value);
        if (source is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return ImmutableArray<string>.Empty;
        }

        if (source is not IArrayCreationOperation { Initializer: { } initializer })
        {
            return default;
        }

        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var element in initializer.ElementValues)
        {
            if (element.ConstantValue is not { HasValue: true, Value: string tag })
            {
                return default;
            }

            tags.Add(tag);
        }

        return tags.ToImmutable();
    }

    // Roslyn 4.8 has no operation for collection expressions; their elements are read from syntax.
    private static ImmutableArray<string> CollectionTags(CollectionExpressionSyntax collection, SemanticModel? model)
    {
        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var element in collection.Elements)
        {
            if (model is null || element is not ExpressionElementSyntax expression
                || model.GetConstantValue(expression.Expression) is not { HasValue: true, Value: string tag })
            {
                return default;
            }

            tags.Add(tag);
        }

        return tags.ToImmutable();
    }

    private static ITypeSymbol? CheckType(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.TypeArguments.Length == 1 && invocation.TargetMethod.Name is "AddCheck" or "AddTypeActivatedCheck")
        {
            return invocation.TargetMethod.TypeArguments[0];
        }

        var instance = OperationTree.Argument(invocation, "instance");
        return instance is null ? null : (OperationTree.Source(instance.Value) ?? instance.Value).Type;
    }

    private static bool Unresolved(IInvocationOperation invocation, ITypeSymbol? checkType) =>
        checkType is ITypeParameterSymbol
        || (checkType is null && OperationTree.Argument(invocation, "check") is { } check
            && OperationTree.Source(check.Value) is not (IAnonymousFunctionOperation or IMethodReferenceOperation));

    /// <summary>The project's code the check runs: its type's <c>CheckHealthAsync</c>, or the delegate.</summary>
    private static CodeUnit? Implementation(IInvocationOperation invocation, ITypeSymbol? checkType, WellKnownTypes types)
    {
        if (checkType is not null)
        {
            var contract = types.IHealthCheck?.GetMembers("CheckHealthAsync") ?? ImmutableArray<ISymbol>.Empty;
            var method = contract.Length == 1 ? checkType.FindImplementationForInterfaceMember(contract[0]) : null;
            return method is not null && types.InProject(method) ? CodeUnit.Of(method) : null;
        }

        var check = OperationTree.Argument(invocation, "check");
        return check is null ? null : EndpointHandler.From(check.Value, types).Unit;
    }
}
