using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>Turns the project's member references and calls into <see cref="CodeFacts"/>.</summary>
internal static class FactReader
{
    /// <summary>A field or property of the project read or written.</summary>
    public static void OnMemberReference(IMemberReferenceOperation reference, ISymbol containingSymbol, WellKnownTypes types, CodeFacts facts)
    {
        var member = reference.Member;
        if (member is IPropertySymbol { Name: "ApplicationStopping" } stopping && types.IsLifetime(stopping.ContainingType))
        {
            facts.ReadsLifetime(Owner(reference, containingSymbol, facts));
            if (TokenHolder(reference, types) is { } holder)
            {
                facts.HoldsStoppingToken(holder);
            }
            else if (TokenLocal(reference) is { } local)
            {
                // var stopping = app.Lifetime.ApplicationStopping; … () => stopping.IsCancellationRequested
                foreach (var use in OperationTree.Root(reference).Descendants().OfType<ILocalReferenceOperation>())
                {
                    if (SymbolEqualityComparer.Default.Equals(use.Local, local))
                    {
                        facts.ReadsLifetime(Owner(use, containingSymbol, facts));
                    }
                }
            }

            return;
        }

        if (member is not (IFieldSymbol or IPropertySymbol) || !types.InProject(member))
        {
            return;
        }

        var owner = Owner(reference, containingSymbol, facts);
        Access(reference, out var reads, out var writes);
        if (reads)
        {
            facts.Reads(owner, member);
        }

        if (writes)
        {
            facts.Writes(owner, member);
        }

        // A property runs its accessor: a getter may read a flag, a setter may write one.
        var accessor = member is IPropertySymbol property ? (writes ? property.SetMethod : property.GetMethod) : null;
        if (accessor is not null && types.InProject(accessor))
        {
            facts.Calls(owner, CodeUnit.Of(accessor));
        }
    }

    /// <summary>Calls of the project's methods, callbacks registered on <c>ApplicationStopping</c>, signals sent to a flag.</summary>
    public static void OnInvocation(IInvocationOperation invocation, ISymbol containingSymbol, WellKnownTypes types, CodeFacts facts)
    {
        var method = invocation.TargetMethod;
        if (types.InProject(method))
        {
            facts.Calls(Owner(invocation, containingSymbol, facts), CodeUnit.Of(method));
            return;
        }

        switch (method.Name)
        {
            case "Register" or "UnsafeRegister"
                when OperationTree.Source(invocation.Instance) is IPropertyReferenceOperation { Property.Name: "ApplicationStopping" } token
                    && types.IsLifetime(token.Property.ContainingType):
                if (invocation.Arguments.Length > 0 && EndpointHandler.From(invocation.Arguments[0].Value, types).Unit is { } callback)
                {
                    facts.RunsOnStopping(callback);
                }

                break;
            case "Cancel" or "CancelAsync" or "CancelAfter" or "Set" or "SetResult" or "TrySetResult" or "SetCanceled" or "TrySetCanceled"
                when OperationTree.Source(invocation.Instance) is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } signalled
                    && types.InProject(signalled.Member):
                facts.Writes(Owner(invocation, containingSymbol, facts), signalled.Member);
                break;
        }
    }

    /// <summary>A method of the project used as a delegate runs when the delegate does.</summary>
    public static void OnMethodReference(IMethodReferenceOperation reference, ISymbol containingSymbol, WellKnownTypes types, CodeFacts facts)
    {
        if (types.InProject(reference.Method))
        {
            facts.Calls(Owner(reference, containingSymbol, facts), CodeUnit.Of(reference.Method));
        }
    }

    /// <summary>The unit holding the operation; a lambda is taken to run with the code it is written in.</summary>
    private static CodeUnit Owner(IOperation operation, ISymbol containingSymbol, CodeFacts facts)
    {
        var unit = CodeUnit.Containing(operation, containingSymbol, out var boundary);
        var inner = unit;
        while (boundary is IAnonymousFunctionOperation lambda)
        {
            var outer = CodeUnit.Containing(lambda, containingSymbol, out boundary);
            facts.Calls(outer, inner);
            inner = outer;
        }

        return unit;
    }

    private static void Access(IOperation reference, out bool reads, out bool writes)
    {
        switch (reference.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                reads = false;
                writes = true;
                break;
            case ICompoundAssignmentOperation compound when compound.Target == reference:
            case ICoalesceAssignmentOperation coalesce when coalesce.Target == reference:
            case IIncrementOrDecrementOperation:
                reads = writes = true;
                break;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                reads = argument.Parameter.RefKind == RefKind.Ref;
                writes = true;
                break;
            default:
                reads = true;
                writes = false;
                break;
        }
    }

    /// <summary>The local the token is stored in; the code that reads the local reads the token.</summary>
    private static ILocalSymbol? TokenLocal(IOperation token) => OperationTree.Parent(token) switch
    {
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
        ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when OperationTree.Strip(assignment.Value) == token => local.Local,
        _ => null,
    };

    /// <summary>The field or property of the project the token is stored in (<c>_stopping = lifetime.ApplicationStopping</c>).</summary>
    private static ISymbol? TokenHolder(IOperation token, WellKnownTypes types)
    {
        var holder = OperationTree.Parent(token) switch
        {
            ISimpleAssignmentOperation assignment when OperationTree.Strip(assignment.Value) == token => (assignment.Target as IMemberReferenceOperation)?.Member,
            IFieldInitializerOperation field when field.InitializedFields.Length == 1 => field.InitializedFields[0],
            IPropertyInitializerOperation property when property.InitializedProperties.Length == 1 => property.InitializedProperties[0],
            _ => null,
        };
        return holder is (IFieldSymbol or IPropertySymbol) && types.InProject(holder) ? holder : null;
    }
}
