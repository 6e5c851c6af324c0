using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Hands every operation of a declaration's operation blocks to the collectors, as Roslyn's operation actions would,
/// from one operation block action. Roslyn's cost per callback, paid for each of the hundreds of thousands of
/// operations in a large project, was most of the analyzer's time; one callback and one walk per body leave the
/// collectors' own filters.
/// </summary>
internal static class OperationWalk
{
    public static void Register(CompilationStartAnalysisContext context, AppModelCollector? app, EndpointCollector? endpoints) =>
        context.RegisterOperationBlockAction(body =>
        {
            var owner = body.OwningSymbol;
            Visit(body.OperationBlocks, (operation, inFunction) =>
            {
                app?.Read(operation, owner);
                endpoints?.Read(operation, owner, inFunction);
            });
            app?.ReadBody(owner, body.OperationBlocks);
        });

    /// <summary>Calls <paramref name="visit"/> for each operation, blocks included, with whether it lies inside a lambda or local
    /// function of the body (a local can be captured only there).</summary>
    private static void Visit(ImmutableArray<IOperation> blocks, Action<IOperation, bool> visit)
    {
        var pending = new Stack<(IOperation Operation, bool InFunction)>();
        for (var i = blocks.Length - 1; i >= 0; i--)
        {
            if (!IsInsideAnother(blocks[i], blocks))
            {
                pending.Push((blocks[i], false));
            }
        }

        while (pending.Count > 0)
        {
            var (operation, inFunction) = pending.Pop();
            visit(operation, inFunction);
            var childInFunction = inFunction || operation is IAnonymousFunctionOperation or ILocalFunctionOperation;
            // Reversed onto the stack, so that operations are read in source order, as Roslyn's operation actions see them.
            foreach (var child in operation.ChildOperations.Reverse())
            {
                pending.Push((child, childInFunction));
            }
        }
    }

    /// <summary>A block nested in another of the same declaration is visited with it, once.</summary>
    private static bool IsInsideAnother(IOperation block, ImmutableArray<IOperation> blocks)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (blocks.Contains(parent))
            {
                return true;
            }
        }

        return false;
    }
}
