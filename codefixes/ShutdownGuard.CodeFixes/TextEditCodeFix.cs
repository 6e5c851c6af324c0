using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes;

/// <summary>
/// A fix for a diagnostic in an additional document whose edit the analyzer computed (see <see cref="TextEditProperties"/>):
/// offered when the diagnostic carries one (titled as the analyzer says, when it does more than the usual title) and applied as it is, so the file is never parsed again; Fix All applies the
/// edits of every diagnostic of a file at once.
/// </summary>
public abstract class TextEditCodeFix : CodeFixProvider
{
    private readonly string _title;
    private readonly FixAllProvider _fixAll;

    protected TextEditCodeFix(string diagnosticId, string title)
    {
        _title = title;
        _fixAll = new AdditionalDocumentFixAllProvider(title);
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => _fixAll;

    public sealed override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (TextEditProperties.TryRead(diagnostic, out _) && AdditionalDocumentFixAllProvider.Target(document.Project, diagnostic) is { } target)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(TextEditProperties.TitleOf(diagnostic) ?? _title, cancellationToken => AdditionalDocumentFixAllProvider.ApplyAsync(document.Project.Solution, target.Id, new[] { diagnostic }, cancellationToken), GetType().Name),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
