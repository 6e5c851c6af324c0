using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Editing;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// The fix of a misplaced delay (SG1004, SG1005): offered after a look at the syntax, computed when applied, and
/// applied one diagnostic after the other by Fix All.
/// </summary>
public abstract class MovedDelayCodeFix : CodeFixProvider
{
    private readonly string _title;
    private readonly string _equivalenceKey;
    private readonly OneByOneFixAllProvider _fixAll;

    private protected MovedDelayCodeFix(string diagnosticId, string title, string equivalenceKey)
    {
        _title = title;
        _equivalenceKey = equivalenceKey;
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);

        // Last first: what a fix changes lies after the spans still to come, or before them in the host's configuration.
        _fixAll = new OneByOneFixAllProvider(title, equivalenceKey, diagnostics => diagnostics.OrderByDescending(item => item.Diagnostic.Location.SourceSpan.Start), ApplyAsync);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => _fixAll;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is { } node && Offers(node, diagnostic))
        {
            var solution = context.Document.Project.Solution;
            var documentId = context.Document.Id;
            context.RegisterCodeFix(
                CodeAction.Create(_title, async cancellationToken => await ApplyAsync(solution, documentId, diagnostic, cancellationToken).ConfigureAwait(false) ?? solution, _equivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Whether the fix is offered for the diagnostic at this node: a cheap look at its syntax.</summary>
    private protected abstract bool Offers(SyntaxNode node, Diagnostic diagnostic);

    /// <summary>The solution with the diagnostic fixed; null when it cannot be.</summary>
    private protected abstract Task<Solution?> ApplyAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken);
}
