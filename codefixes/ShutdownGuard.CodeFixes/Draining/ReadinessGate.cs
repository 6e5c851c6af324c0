using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Editing;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// Gates one handler: a minimal-API lambda answers 503 while stopping, a controller action returns 503. The gate reads
/// the scaffolding's flag when the project has it (<c>GracefulShutdown.IsStopping</c>), else the lifetime's token.
/// </summary>
internal static class ReadinessGate
{
    public const string ScaffoldingType = "GracefulShutdown";

    private const string Results = "global::Microsoft.AspNetCore.Http.Results";
    private const string Unavailable = "global::Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable";

    /// <summary>The edit for the endpoint mapped at <paramref name="span"/> (a mapping call, or an action's name);
    /// null when the handler cannot be gated safely.</summary>
    public static CSharpEdit? For(SyntaxNode node, TextSpan span, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var stopping = Stopping(semanticModel.Compilation);
        if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } action && action.Identifier.Span == span)
        {
            return ForAction(action, semanticModel, stopping, cancellationToken);
        }

        return node.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.ArgumentList.Arguments.LastOrDefault()?.Expression is LambdaExpressionSyntax lambda
            ? ForLambda(lambda, semanticModel, stopping, cancellationToken)
            : null;
    }

    private static StoppingRead Stopping(Compilation compilation) =>
        compilation.GetSymbolsWithName(ScaffoldingType, SymbolFilter.Type).OfType<INamedTypeSymbol>().FirstOrDefault(type => type.GetMembers("IsStopping").Any()) is { } scaffolding
            ? new StoppingRead(scaffolding.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), "shutdown", "shutdown.IsStopping")
            : new StoppingRead("global::Microsoft.Extensions.Hosting.IHostApplicationLifetime", "lifetime", "lifetime.ApplicationStopping.IsCancellationRequested");

    private static CSharpEdit? ForLambda(LambdaExpressionSyntax lambda, SemanticModel semanticModel, StoppingRead stopping, CancellationToken cancellationToken)
    {
        if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
            || semanticModel.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol method
            || method.Parameters.Any(parameter => parameter.Name == stopping.Name))
        {
            return null;
        }

        var parameters = lambda switch
        {
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList,
            SimpleLambdaExpressionSyntax simple => SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(simple.Parameter)),
            _ => null,
        };
        if (parameters is null || parameters.Parameters.Any(parameter => parameter.Type is null))
        {
            return null;
        }

        parameters = parameters.AddParameters(stopping.Parameter());
        var isResult = ImplementsResult(method.ReturnType);
        if (lambda.ExpressionBody is { } body)
        {
            var type = semanticModel.GetTypeInfo(body, cancellationToken).Type;
            var ready = isResult ? body.WithoutTrivia().ToString()
                : type?.SpecialType == SpecialType.System_String ? $"{Results}.Text({body.WithoutTrivia()})"
                : $"{Results}.Ok({body.WithoutTrivia()})";
            var gated = SyntaxFactory.ParseExpression($"{stopping.Condition} ? {Results}.StatusCode({Unavailable}) : {ready}");
            return new CSharpEdit().Replace(lambda, WithParameters(lambda, parameters).WithExpressionBody(CSharpEdit.Ours(gated).WithTriviaFrom(body)));
        }

        // A block body can only return 503 where every return is already a result.
        if (lambda.Block is { } block && isResult)
        {
            var guard = Guard(stopping, $"{Results}.StatusCode({Unavailable})");
            return new CSharpEdit().Replace(lambda, WithParameters(lambda, parameters).WithBlock(block.WithStatements(block.Statements.Insert(0, guard))));
        }

        return null;
    }

    /// <summary>The lambda with a parameter list, keeping its arrow and trivia (<c>x =&gt; …</c> becomes <c>(x) =&gt; …</c>).</summary>
    private static ParenthesizedLambdaExpressionSyntax WithParameters(LambdaExpressionSyntax lambda, ParameterListSyntax parameters) => lambda switch
    {
        ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithParameterList(parameters.WithTriviaFrom(parenthesized.ParameterList)),
        _ => SyntaxFactory.ParenthesizedLambdaExpression(lambda.AsyncKeyword, parameters, lambda.ArrowToken, lambda.Block, lambda.ExpressionBody).WithTriviaFrom(lambda),
    };

    private static CSharpEdit? ForAction(MethodDeclarationSyntax action, SemanticModel semanticModel, StoppingRead stopping, CancellationToken cancellationToken)
    {
        if (semanticModel.GetDeclaredSymbol(action, cancellationToken) is not { } method
            || method.Parameters.Any(parameter => parameter.Name == stopping.Name)
            || !IsActionResult(method.ReturnType))
        {
            return null;
        }

        var parameter = stopping.Parameter().AddAttributeLists(
            SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::Microsoft.AspNetCore.Mvc.FromServices")))));
        var unavailable = $"StatusCode({Unavailable})";
        MethodDeclarationSyntax gated;
        if (action.Body is { } block)
        {
            gated = action.WithBody(block.WithStatements(block.Statements.Insert(0, Guard(stopping, unavailable))));
        }
        else if (action.ExpressionBody is { } arrow && !IsGenericActionResult(method.ReturnType))
        {
            var expression = SyntaxFactory.ParseExpression($"{stopping.Condition} ? {unavailable} : {arrow.Expression.WithoutTrivia()}");
            gated = action.WithExpressionBody(arrow.WithExpression(CSharpEdit.Ours(expression)));
        }
        else
        {
            return null;
        }

        return new CSharpEdit().Replace(action, gated.WithParameterList(action.ParameterList.AddParameters(CSharpEdit.Ours(parameter))));
    }

    /// <summary><c>if (stopping) { return unavailable; }</c> and a blank line before what follows.</summary>
    private static StatementSyntax Guard(StoppingRead stopping, string unavailable) =>
        CSharpEdit.Ours(SyntaxFactory.ParseStatement($"if ({stopping.Condition})\n{{\n    return {unavailable};\n}}"))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));

    private static bool ImplementsResult(ITypeSymbol type) =>
        IsNamed(type, "Microsoft.AspNetCore.Http.IResult") || type.AllInterfaces.Any(candidate => IsNamed(candidate, "Microsoft.AspNetCore.Http.IResult"));

    /// <summary><c>IActionResult</c>, <c>ActionResult</c> and <c>ActionResult&lt;T&gt;</c>: a synchronous action that can return 503.</summary>
    private static bool IsActionResult(ITypeSymbol type) =>
        IsNamed(type, "Microsoft.AspNetCore.Mvc.IActionResult") || type.AllInterfaces.Any(candidate => IsNamed(candidate, "Microsoft.AspNetCore.Mvc.IActionResult"))
        || IsGenericActionResult(type);

    private static bool IsGenericActionResult(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && IsNamed(named.ConstructedFrom, "Microsoft.AspNetCore.Mvc.ActionResult`1");

    private static bool IsNamed(ITypeSymbol type, string metadataName)
    {
        var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var generic = metadataName.IndexOf('`');
        return generic < 0 ? name == "global::" + metadataName : type is INamedTypeSymbol { IsGenericType: true } && name.StartsWith("global::" + metadataName.Substring(0, generic) + "<", System.StringComparison.Ordinal);
    }

    /// <summary>What the gate reads: an injected parameter and the condition on it.</summary>
    private sealed class StoppingRead
    {
        public StoppingRead(string type, string name, string condition)
        {
            Type = type;
            Name = name;
            Condition = condition;
        }

        public string Type { get; }

        public string Name { get; }

        public string Condition { get; }

        public ParameterSyntax Parameter() =>
            SyntaxFactory.Parameter(SyntaxFactory.Identifier(Name)).WithType(CSharpEdit.Ours(SyntaxFactory.ParseTypeName(Type)));
    }
}
