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
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// SG1004: "Make the delay hold shutdown up". On Microsoft.Extensions.Hosting 8.0 and later a delay of the callback's
/// own moves to <c>StoppingAsync</c>: it is removed from the callback (the whole registration when nothing else is left)
/// and the draining scaffolding is added with its length, unless the project delays shutdown already. Otherwise, and
/// for a delay in a called method, the callback blocks: <c>Thread.Sleep(d)</c>, <c>DrainAsync().GetAwaiter().GetResult()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LostStoppingDelayCodeFix)), Shared]
public sealed class LostStoppingDelayCodeFix : MovedDelayCodeFix
{
    public const string EquivalenceKey = "HoldShutdownForTheDelay";

    public LostStoppingDelayCodeFix()
        : base(DiagnosticIds.LostStoppingDelay, "Make the delay hold shutdown up", EquivalenceKey)
    {
    }

    private protected override bool Offers(SyntaxNode node, Diagnostic diagnostic) =>
        node is AnonymousFunctionExpressionSyntax && diagnostic.Properties.ContainsKey(ShutdownReactionProperties.Mechanism);

    private protected override Task<Solution?> ApplyAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var lifecycle = diagnostic.Properties.TryGetValue(ShutdownReactionProperties.Mechanism, out var mechanism) && mechanism == ShutdownReactionProperties.LifecycleMechanism;
        var moves = false;
        CSharpEdit? Edit(SyntaxNode node, SemanticModel semanticModel, CancellationToken token)
        {
            if (node is not AnonymousFunctionExpressionSyntax lambda)
            {
                return null;
            }

            var edit = new CSharpEdit();
            moves = lifecycle && RemoveDelay(edit, lambda, semanticModel, token);
            return moves || Block(edit, lambda, semanticModel, token) ? edit : null;
        }

        return MovedDelay.ApplyAsync(solution, documentId, diagnostic, Edit, () => moves, cancellationToken);
    }

    /// <summary>Removes the callback's own delays: the statements, or the registration when nothing else is left.</summary>
    private static bool RemoveDelay(CSharpEdit edit, AnonymousFunctionExpressionSyntax lambda, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var registration = lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax statement } } } ? statement : null;
        if (lambda.ExpressionBody is { } expression)
        {
            return MovedDelay.IsDelay(MovedDelay.Task(expression), semanticModel, cancellationToken) && registration is not null && edit.Remove(registration) is not null;
        }

        if (lambda.Block is not { } block || !block.Statements.Any(statement => MovedDelay.IsDelayStatement(statement, semanticModel, cancellationToken)))
        {
            return false;
        }

        var rest = block.Statements.Where(statement => !MovedDelay.IsDelayStatement(statement, semanticModel, cancellationToken)).ToList();
        if (rest.Count == 0)
        {
            return registration is not null && edit.Remove(registration) is not null;
        }

        var body = block.WithStatements(SyntaxFactory.List(rest));
        var rewritten = lambda.WithBody(body);
        edit.Replace(lambda, MovedDelay.Awaits(body) ? rewritten : rewritten.WithModifiers(MovedDelay.WithoutAsync(lambda.Modifiers)));
        return true;
    }

    /// <summary>Makes the callback wait: every await and every dropped task blocks instead.</summary>
    private static bool Block(CSharpEdit edit, AnonymousFunctionExpressionSyntax lambda, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var waits = lambda.Body.DescendantNodesAndSelf(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) || node == lambda.Body)
            .OfType<ExpressionSyntax>()
            .Where(expression => expression is AwaitExpressionSyntax || IsDropped(expression, lambda, semanticModel, cancellationToken))
            .ToList();
        if (waits.Count == 0)
        {
            return false;
        }

        var rewritten = lambda.ReplaceNodes(waits, (original, current) =>
            CSharpEdit.Ours(MovedDelay.Blocking(MovedDelay.Task((ExpressionSyntax)current), semanticModel, edit, cancellationToken)).WithTriviaFrom(original));
        edit.Replace(lambda, rewritten.WithModifiers(MovedDelay.WithoutAsync(rewritten.Modifiers)));
        return true;
    }

    /// <summary>A task the callback starts and forgets: the lambda's expression body, a statement, or a discard.</summary>
    private static bool IsDropped(ExpressionSyntax expression, AnonymousFunctionExpressionSyntax lambda, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        expression switch
        {
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard => MovedDelay.IsTask(discard.Right, semanticModel, cancellationToken),
            InvocationExpressionSyntax invocation when invocation == lambda.ExpressionBody || invocation.Parent is ExpressionStatementSyntax =>
                MovedDelay.IsTask(invocation, semanticModel, cancellationToken),
            _ => false,
        };
}
