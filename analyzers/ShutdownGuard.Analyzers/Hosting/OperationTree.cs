using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Hosting;

/// <summary>Walks within one operation tree (a method body, or all top-level statements) without a semantic model.</summary>
internal static class OperationTree
{
    // The locals of each body, indexed once: an app with hundreds of mappings on one local would otherwise walk the
    // whole body once per mapping. Keyed weakly by the body, so it lives as long as the analysis holds the tree.
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, IOperation?>> LocalValues = new();

    /// <summary>Without conversions and parentheses, which change nothing the app model cares about.</summary>
    public static IOperation Strip(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The value without conversions, parentheses and delegate creation; a local read gives its only initializer.</summary>
    public static IOperation? Source(IOperation? value)
    {
        // Bounded: a local initialised from another local initialised from another … ends here.
        for (var hops = 0; hops < 8 && value is not null; hops++)
        {
            value = Strip(value);
            switch (value)
            {
                case IDelegateCreationOperation creation:
                    value = creation.Target;
                    break;
                case ILocalReferenceOperation local:
                    value = LocalValue(local);
                    break;
                default:
                    return value;
            }
        }

        return null;
    }

    /// <summary>The parent, skipping conversions and parentheses.</summary>
    public static IOperation? Parent(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>The object a call is made on, for instance and extension methods alike.</summary>
    public static IOperation? Receiver(IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
        {
            return instance;
        }

        if (!invocation.TargetMethod.IsExtensionMethod)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The argument passed for the parameter of that name, explicit or default.</summary>
    public static IArgumentOperation? Argument(IInvocationOperation invocation, string parameterName) =>
        Argument(invocation, parameter => parameter.Name == parameterName);

    /// <summary>The argument passed for the first parameter that matches, explicit or default; never the receiver of an
    /// extension method.</summary>
    public static IArgumentOperation? Argument(IInvocationOperation invocation, Func<IParameterSymbol, bool> parameter)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } symbol && parameter(symbol) && !(invocation.TargetMethod.IsExtensionMethod && symbol.Ordinal == 0))
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>From the method's name to the closing parenthesis: short, on the line a reader looks for, and in a chain
    /// of calls each gets its own place.</summary>
    public static Location CallLocation(IInvocationOperation invocation)
    {
        var syntax = invocation.Syntax;
        return syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            ? Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End))
            : syntax.GetLocation();
    }

    /// <summary>The innermost lambda or local function around an operation; null when it runs in the method itself.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The value a local is declared with, when it is never assigned again; null otherwise.</summary>
    public static IOperation? LocalValue(ILocalReferenceOperation reference) =>
        LocalValues.GetValue(Root(reference), IndexLocals).TryGetValue(reference.Local, out var value) ? value : null;

    /// <summary>Every local of a body with its value; null for one assigned again.</summary>
    private static Dictionary<ILocalSymbol, IOperation?> IndexLocals(IOperation root)
    {
        var values = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
        var reassigned = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    values[declarator.Symbol] = declarator.GetVariableInitializer()?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target }:
                    reassigned.Add(target.Local);
                    break;
            }
        }

        foreach (var local in reassigned)
        {
            values[local] = null;
        }

        return values;
    }

    /// <summary>The value of a local function's only <c>return</c>; null when it has none or several.</summary>
    public static IOperation? LocalFunctionValue(IOperation anywhereInTree, IMethodSymbol localFunction)
    {
        foreach (var operation in Root(anywhereInTree).Descendants())
        {
            if (operation is ILocalFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, localFunction))
            {
                return SingleReturnValue(function.Body ?? function.IgnoredBody);
            }
        }

        return null;
    }

    /// <summary>The value of the only <c>return</c> in a body, not counting nested lambdas and local functions.</summary>
    public static IOperation? SingleReturnValue(IOperation? body)
    {
        if (body is null)
        {
            return null;
        }

        IOperation? value = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && !IsNestedIn(operation, body))
            {
                if (value is not null)
                {
                    return null;
                }

                value = returned;
            }
        }

        return value;
    }

    /// <summary>True when a lambda or local function lies between the operation and <paramref name="body"/>.</summary>
    public static bool IsNestedIn(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
