using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ShutdownGuard.CodeFixes.Editing;

/// <summary>
/// Fix All by applying the fix of each diagnostic in turn to the solution the previous one left. The standard batch
/// fixer merges text changes of source documents only, and these fixes also add files and edit shared places.
/// </summary>
internal sealed class OneByOneFixAllProvider : FixAllProvider
{
    private readonly string _title;
    private readonly string _equivalenceKey;
    private readonly Func<IEnumerable<(DocumentId Document, Diagnostic Diagnostic)>, IEnumerable<(DocumentId Document, Diagnostic Diagnostic)>> _order;
    private readonly Func<Solution, DocumentId, Diagnostic, CancellationToken, Task<Solution?>> _fix;

    /// <param name="order">The order in which to apply the fixes, so that the spans of those still to come stay valid.</param>
    /// <param name="fix">The solution with one diagnostic fixed; null when it cannot be (it is skipped).</param>
    public OneByOneFixAllProvider(
        string title,
        string equivalenceKey,
        Func<IEnumerable<(DocumentId Document, Diagnostic Diagnostic)>, IEnumerable<(DocumentId Document, Diagnostic Diagnostic)>> order,
        Func<Solution, DocumentId, Diagnostic, CancellationToken, Task<Solution?>> fix)
    {
        _title = title;
        _equivalenceKey = equivalenceKey;
        _order = order;
        _fix = fix;
    }

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = await DiagnosticsInScopeAsync(fixAllContext).ConfigureAwait(false);
        var solution = fixAllContext.Solution;
        return diagnostics.Count == 0 ? null : CodeAction.Create(_title, cancellationToken => ApplyAsync(solution, diagnostics, cancellationToken), _equivalenceKey);
    }

    /// <summary>The diagnostics of the Fix All scope that stand in source documents, with their documents.</summary>
    public static async Task<List<(DocumentId Document, Diagnostic Diagnostic)>> DiagnosticsInScopeAsync(FixAllContext fixAllContext)
    {
        var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
        var diagnostics = new List<(DocumentId Document, Diagnostic Diagnostic)>();
        foreach (var project in projects)
        {
            foreach (var diagnostic in await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false))
            {
                if (project.GetDocument(diagnostic.Location.SourceTree) is { } document
                    && (fixAllContext.Scope != FixAllScope.Document || document.Id == fixAllContext.Document?.Id))
                {
                    diagnostics.Add((document.Id, diagnostic));
                }
            }
        }

        return diagnostics;
    }

    /// <summary>Applies the fixes in order; also what a single fix does with its one diagnostic.</summary>
    public async Task<Solution> ApplyAsync(Solution solution, IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        foreach (var (documentId, diagnostic) in _order(diagnostics).ToList())
        {
            solution = await _fix(solution, documentId, diagnostic, cancellationToken).ConfigureAwait(false) ?? solution;
        }

        return solution;
    }
}
