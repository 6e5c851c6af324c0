using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// A piece of code that runs as a whole: a method (or accessor), a local function or a lambda. Methods are identified
/// by their symbol; lambdas and local functions by their syntax, because their symbols are not shared between the
/// separate operation trees the analyzer callbacks see (and syntax by position: red nodes may be created anew).
/// </summary>
internal readonly struct CodeUnit : IEquatable<CodeUnit>
{
    private readonly object _key;

    private CodeUnit(object key) => _key = key;

    public static CodeUnit Of(IMethodSymbol method)
    {
        if (method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction
            && method.DeclaringSyntaxReferences.Length > 0)
        {
            return Of(method.DeclaringSyntaxReferences[0].GetSyntax());
        }

        return new CodeUnit(method.OriginalDefinition);
    }

    /// <summary>A lambda or local function, by its syntax.</summary>
    public static CodeUnit Of(SyntaxNode declaration) => new((declaration.SyntaxTree, declaration.Span));

    public static CodeUnit Of(ISymbol symbol) => symbol is IMethodSymbol method ? Of(method) : new CodeUnit(symbol.OriginalDefinition);

    /// <summary>The innermost unit an operation belongs to: its lambda, local function, else the member whose body holds it.</summary>
    public static CodeUnit Containing(IOperation operation, ISymbol containingSymbol, out IOperation? boundary)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    boundary = lambda;
                    return Of(lambda.Syntax);
                case ILocalFunctionOperation local:
                    boundary = local;
                    return Of(local.Syntax);
            }
        }

        boundary = null;
        return Of(containingSymbol);
    }

    /// <summary>The method this unit is, when it is one (not a lambda or local function).</summary>
    public IMethodSymbol? Method => _key as IMethodSymbol;

    public bool Equals(CodeUnit other) =>
        _key is ISymbol symbol ? SymbolEqualityComparer.Default.Equals(symbol, other._key as ISymbol) : Equals(_key, other._key);

    public override bool Equals(object? obj) => obj is CodeUnit other && Equals(other);

    public override int GetHashCode() => _key is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : _key?.GetHashCode() ?? 0;
}
