using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// SG1005: "Move the delay before the server stops". Removes the delay from <c>StopAsync</c> and adds the draining
/// scaffolding with its length — the delay in <c>StoppingAsync</c>, or in a blocking stopping callback on earlier
/// hosting — unless the project delays shutdown already. Offered for a delay written in <c>StopAsync</c> itself.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LateStopDelayCodeFix)), Shared]
public sealed class LateStopDelayCodeFix : MovedDelayCodeFix
{
    public const string EquivalenceKey = "MoveDelayBeforeServerStops";

    public LateStopDelayCodeFix()
        : base(DiagnosticIds.LateStopDelay, "Move the delay before the server stops", EquivalenceKey)
    {
    }

    private protected override bool Offers(SyntaxNode node, Diagnostic diagnostic) => StopAsyncOf(node) is not null;

    private protected override Task<Solution?> ApplyAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        MovedDelay.ApplyAsync(solution, documentId, diagnostic, RemoveDelay, () => true, cancellationToken);

    /// <summary>The <c>StopAsync</c> the delay is written in, outside any lambda or local function.</summary>
    private static MethodDeclarationSyntax? StopAsyncOf(SyntaxNode delay) =>
        delay.FirstAncestorOrSelf<SyntaxNode>(node => node is MethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            is MethodDeclarationSyntax { Identifier.ValueText: "StopAsync" } method ? method : null;

    private static CSharpEdit? RemoveDelay(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (StopAsyncOf(node) is not { } method)
        {
            return null;
        }

        var completed = SyntaxFactory.ParseExpression("Task.CompletedTask");
        if (method.ExpressionBody is { } arrow)
        {
            return MovedDelay.IsDelay(MovedDelay.Task(arrow.Expression), semanticModel, cancellationToken)
                ? new CSharpEdit().Replace(method, WithoutAsync(method.WithExpressionBody(arrow.WithExpression(CSharpEdit.Ours(completed).WithTriviaFrom(arrow.Expression)))))
                : null;
        }

        if (method.Body is not { } body || node.FirstAncestorOrSelf<StatementSyntax>() is not { } statement || statement.Parent != body)
        {
            return null;
        }

        if (statement is ReturnStatementSyntax { Expression: { } returned } && MovedDelay.IsDelay(MovedDelay.Task(returned), semanticModel, cancellationToken))
        {
            return new CSharpEdit().Replace(returned, CSharpEdit.Ours(completed).WithTriviaFrom(returned));
        }

        if (!MovedDelay.IsDelayStatement(statement, semanticModel, cancellationToken))
        {
            return null;
        }

        var rest = body.WithStatements(body.Statements.Remove(statement));
        if (!method.Modifiers.Any(SyntaxKind.AsyncKeyword) || MovedDelay.Awaits(rest))
        {
            return new CSharpEdit().Replace(method, method.WithBody(rest));
        }

        // No longer async: the method returns its task itself.
        return rest.DescendantNodes().OfType<ReturnStatementSyntax>().Any()
            ? null
            : new CSharpEdit().Replace(method, WithoutAsync(method.WithBody(rest.AddStatements(CSharpEdit.Ours(SyntaxFactory.ParseStatement("return Task.CompletedTask;"))))));
    }

    private static MethodDeclarationSyntax WithoutAsync(MethodDeclarationSyntax method) => method.WithModifiers(MovedDelay.WithoutAsync(method.Modifiers));
}
