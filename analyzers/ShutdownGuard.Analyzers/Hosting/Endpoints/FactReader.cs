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
        if (member is IPropertySymbol stopping && StoppingToken.Is(stopping, types))
        {
            facts.ReadsLifetime(Owner(reference, containingSymbol, facts));
            if (StoppingToken.Holder(reference, types) is { } holder)
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

    /// <summary>
    /// A local read or written by a lambda or local function that captures it: a stopping callback and an endpoint
    /// handler written beside it share the local as they would share a field. A local used only where it is declared
    /// cannot connect two pieces of code, so it is not recorded.
    /// </summary>
    public static void OnLocalReference(ILocalReferenceOperation reference, ISymbol containingSymbol, CodeFacts facts)
    {
        if (!IsCaptured(reference))
        {
            return;
        }

        var owner = Owner(reference, containingSymbol, facts);
        Access(reference, out var reads, out var writes);
        if (reads)
        {
            facts.Reads(owner, reference.Local);
        }

        if (writes)
        {
            facts.Writes(owner, reference.Local);
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
            case "Register" or "UnsafeRegister" when invocation.Arguments.Length > 0
                && EndpointHandler.From(invocation.Arguments[0].Value, types).Unit is { } callback:
                if (StoppingToken.IsRegisteredOn(invocation, types, out var holder))
                {
                    facts.RunsOnStopping(callback);
                }
                else if (holder is not null)
                {
                    // _stopping.Register(…): a stopping callback if the member turns out to hold the token.
                    facts.RunsOnStoppingIfHeld(callback, holder);
                }

                break;
            case "Cancel" or "CancelAsync" or "CancelAfter" or "Set" or "SetResult" or "TrySetResult" or "SetCanceled" or "TrySetCanceled":
                if (Signalled(invocation.Instance, types) is { } signalled)
                {
                    facts.Writes(Owner(invocation, containingSymbol, facts), signalled);
                }

                break;
        }
    }

    /// <summary>The field, property or captured local whose source or event a signal is sent to.</summary>
    private static ISymbol? Signalled(IOperation? instance, WellKnownTypes types)
    {
        if (instance is not null && OperationTree.Strip(instance) is ILocalReferenceOperation local && IsCaptured(local))
        {
            return local.Local;
        }

        return OperationTree.Source(instance) is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member && types.InProject(member.Member)
            ? member.Member
            : null;
    }

    /// <summary>The reference is in a lambda or local function that the local is declared outside of.</summary>
    private static bool IsCaptured(ILocalReferenceOperation reference)
    {
        if (OperationTree.EnclosingFunction(reference) is not { } function)
        {
            return false;
        }

        var declarations = reference.Local.DeclaringSyntaxReferences;
        return declarations.Length > 0
            && (declarations[0].SyntaxTree != function.Syntax.SyntaxTree || !function.Syntax.Span.Contains(declarations[0].Span));
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
}
