using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Manifests;

/// <summary>
/// SG2008: sets <c>maxUnavailable: 0</c> (and a <c>maxSurge</c> of 0 to 1) in the Deployment. The edit comes from the
/// analyzer, which offers it only for a rolling update whose layout it can extend; the Recreate strategy gets no fix.
/// </summary>
[ExportCodeFixProvider(
    LanguageNames.CSharp,
    Name = nameof(RolloutTakesReadyPodsCodeFix),
    DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) },
    DocumentExtensions = new[] { ".yaml", ".yml", ".json" })]
[Shared]
public sealed class RolloutTakesReadyPodsCodeFix : CodeFixProvider
{
    private const string Title = "Set maxUnavailable to 0";

    private static readonly FixAllProvider FixAll = new AdditionalDocumentFixAllProvider(Title);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RolloutTakesReadyPods);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (TextEditProperties.TryRead(diagnostic, out _))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => AdditionalDocumentFixAllProvider.ApplyAsync(document.Project.Solution, document.Id, new[] { diagnostic }, cancellationToken), nameof(RolloutTakesReadyPodsCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
