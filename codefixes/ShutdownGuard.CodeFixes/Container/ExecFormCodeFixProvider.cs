using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Container;

/// <summary>
/// SG3001: rewrites the start command in exec form, or puts <c>exec</c> before the script's last command. The edit
/// comes from the analyzer and is offered only when it certainly runs the same command. Dockerfiles are named
/// <c>Dockerfile</c>, <c>Dockerfile.prod</c>, <c>api.Dockerfile</c>: no extension list covers them, so the provider is
/// exported for every additional document and the diagnostic ID selects it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExecFormCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class ExecFormCodeFixProvider : CodeFixProvider
{
    private const string Title = "Rewrite in exec form";

    private static readonly FixAllProvider FixAll = new AdditionalDocumentFixAllProvider(Title);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ShellStart);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (TextEditProperties.TryRead(diagnostic, out _))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => AdditionalDocumentFixAllProvider.ApplyAsync(document.Project.Solution, document.Id, new[] { diagnostic }, cancellationToken), nameof(ExecFormCodeFixProvider)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
