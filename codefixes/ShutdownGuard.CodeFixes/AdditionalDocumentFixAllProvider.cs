using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes;

/// <summary>
/// Fix All for diagnostics in additional documents. Roslyn 4.8's fix-all machinery knows source documents only
/// (<see cref="FixAllContext.Document"/> is a <see cref="Document"/>, and the batch fixer finds a diagnostic's document
/// through its syntax tree), so its providers drop these diagnostics. This one maps each diagnostic to the additional
/// document at its path and applies the edits that the analyzer put in its properties, per project or solution.
/// </summary>
internal sealed class AdditionalDocumentFixAllProvider : FixAllProvider
{
    private readonly string _title;

    public AdditionalDocumentFixAllProvider(string title)
    {
        _title = title;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
        var solution = fixAllContext.Solution;
        foreach (var project in projects)
        {
            var diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            foreach (var group in diagnostics.Where(diagnostic => diagnostic.Location.Kind == LocationKind.ExternalFile).GroupBy(TargetPath))
            {
                if (Find(project, group.Key) is { } document)
                {
                    solution = await ApplyAsync(solution, document.Id, group, fixAllContext.CancellationToken).ConfigureAwait(false);
                }
            }
        }

        return CodeAction.Create(_title, _ => Task.FromResult(solution), fixAllContext.CodeActionEquivalenceKey);
    }

    /// <summary>The additional document a diagnostic's edits apply to: the one it names, else the one it stands in; null
    /// when the project has none at that path.</summary>
    public static TextDocument? Target(Project project, Diagnostic diagnostic) => Find(project, TargetPath(diagnostic));

    private static string TargetPath(Diagnostic diagnostic) => TextEditProperties.PathOf(diagnostic) ?? diagnostic.Location.GetLineSpan().Path;

    /// <summary>The additional document at the path; null when the project has none there.</summary>
    private static TextDocument? Find(Project project, string path) =>
        project.AdditionalDocuments.FirstOrDefault(document => string.Equals(document.FilePath ?? document.Name, path, StringComparison.Ordinal));

    /// <summary>Applies the edits of <paramref name="diagnostics"/> to one additional document, each diagnostic's changes
    /// all or none: a diagnostic whose changes overlap those already taken (the same change twice counts once), or no
    /// longer fit the text, is dropped. Everything else stays byte for byte.</summary>
    public static async Task<Solution> ApplyAsync(Solution solution, DocumentId documentId, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var document = solution.GetAdditionalDocument(documentId);
        if (document is null)
        {
            return solution;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var taken = new List<TextChange>();
        foreach (var diagnostic in diagnostics.OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start))
        {
            if (TextEditProperties.TryRead(diagnostic, out var changes) && changes.All(change => change.Span.End <= text.Length))
            {
                var added = changes.Where(change => !taken.Contains(change)).ToList();
                if (added.All(change => !taken.Any(other => Overlap(change.Span, other.Span))))
                {
                    taken.AddRange(added);
                }
            }
        }

        WorkCounters.FixedSolutionComputed();
        return taken.Count == 0 ? solution : solution.WithAdditionalDocumentText(documentId, text.WithChanges(taken.OrderBy(change => change.Span.Start)));
    }

    /// <summary>True when the spans share text, or one inserts inside the other; touching spans do not overlap.</summary>
    private static bool Overlap(TextSpan left, TextSpan right) => left.Start < right.End && right.Start < left.End;
}
