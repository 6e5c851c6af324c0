using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>
/// The loops of a <c>BackgroundService.ExecuteAsync</c> that can never end on stopping: the method never reads its
/// stopping token, the loop's condition is always true, nothing in it leaves it, and it waits on no other
/// cancellation token. Anything else may end the loop, and then nothing is reported.
/// </summary>
internal static class TokenIgnoringLoops
{
    public static IEnumerable<ILoopOperation> Find(IOperation body, IParameterSymbol stoppingToken, WellKnownTypes types)
    {
        foreach (var operation in body.Descendants())
        {
            // A token passed on, stored, linked or checked anywhere is observed, however well.
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, stoppingToken))
            {
                yield break;
            }
        }

        var reported = new List<ILoopOperation>();
        foreach (var operation in body.Descendants())
        {
            if (operation is ILoopOperation loop && IsAlwaysTrue(loop) && !OperationTree.IsNestedIn(loop, body) && !IsInside(loop, reported)
                && !MayEnd(loop, types))
            {
                reported.Add(loop);
                yield return loop;
            }
        }
    }

    private static bool IsAlwaysTrue(ILoopOperation loop) => loop switch
    {
        IWhileLoopOperation { Condition: { ConstantValue: { HasValue: true, Value: true } } } => true,
        IForLoopOperation { Condition: null } => true,
        IForLoopOperation { Condition: { ConstantValue: { HasValue: true, Value: true } } } => true,
        _ => false,
    };

    /// <summary>A break out of it, a return, a throw or a goto; or a wait that another token may cancel (an exception
    /// then leaves the loop): a token of the lifetime, a field, a linked source.</summary>
    private static bool MayEnd(ILoopOperation loop, WellKnownTypes types)
    {
        foreach (var operation in loop.Body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                case IBranchOperation { BranchKind: BranchKind.GoTo }:
                case IReturnOperation:
                case IThrowOperation:
                    if (!OperationTree.IsNestedIn(operation, loop.Body))
                    {
                        return true;
                    }

                    break;
                default:
                    if (WellKnownTypes.Is(operation.Type, types.CancellationToken) && !NeverCancels(operation))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary><c>default</c> and <c>CancellationToken.None</c>.</summary>
    private static bool NeverCancels(IOperation token) =>
        OperationTree.Strip(token) is IDefaultValueOperation or IPropertyReferenceOperation { Property.Name: "None", Instance: null };

    private static bool IsInside(IOperation operation, List<ILoopOperation> loops)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation loop && loops.Contains(loop))
            {
                return true;
            }
        }

        return false;
    }
}
