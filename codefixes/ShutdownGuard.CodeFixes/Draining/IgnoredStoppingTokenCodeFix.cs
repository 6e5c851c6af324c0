using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// SG1007: "Stop the loop when the host stops". The loop runs while the stopping token is not cancelled, and the
/// <c>Task.Delay</c> calls inside it take the token, so a wait ends at once when the host stops.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IgnoredStoppingTokenCodeFix)), Shared]
public sealed class IgnoredStoppingTokenCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "ObserveStoppingToken";

    private const string Title = "Stop the loop when the host stops";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IgnoredStoppingToken);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is StatementSyntax loop
            && loop.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.ParameterList.Parameters is { Count: 1 } parameters
            && Condition(loop) is { } condition)
        {
            var token = parameters[0].Identifier.ValueText;
            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, loop, condition, token, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Where the loop's condition stands: <c>true</c>, or the empty place in <c>for (;;)</c>.</summary>
    private static SyntaxNode? Condition(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax whileLoop => whileLoop.Condition,
        DoStatementSyntax doLoop => doLoop.Condition,
        ForStatementSyntax forLoop => forLoop,
        _ => null,
    };

    private static async Task<Document> FixAsync(Document document, StatementSyntax loop, SyntaxNode condition, string token, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null || root is null)
        {
            return document;
        }

        var running = SyntaxFactory.ParseExpression($"!{token}.IsCancellationRequested");
        var delays = loop.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<InvocationExpressionSyntax>()
            .Where(invocation => IsDelayWithoutToken(invocation, semanticModel, cancellationToken))
            .ToList();
        var fixedLoop = loop.ReplaceNodes(
            delays.Cast<SyntaxNode>().Append(condition),
            (original, rewritten) => original == condition
                ? WithCondition(rewritten, running)
                : ((InvocationExpressionSyntax)rewritten).AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token))));
        return document.WithSyntaxRoot(root.ReplaceNode(loop, fixedLoop));
    }

    private static SyntaxNode WithCondition(SyntaxNode node, ExpressionSyntax running) => node switch
    {
        ForStatementSyntax forLoop => forLoop.WithCondition(running),
        _ => running.WithTriviaFrom(node),
    };

    /// <summary><c>Task.Delay(x)</c>: it has an overload that takes the token as well.</summary>
    private static bool IsDelayWithoutToken(InvocationExpressionSyntax invocation, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        invocation.ArgumentList.Arguments.Count == 1
        && semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Delay", Parameters.Length: 1 } method
        && method.ContainingType.ToDisplayString() == "System.Threading.Tasks.Task";
}
