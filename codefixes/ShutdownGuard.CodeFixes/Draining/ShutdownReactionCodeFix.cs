using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// SG1001: "Add graceful shutdown". Adds a <c>GracefulShutdown</c> class beside the code that builds the host
/// (readiness fails the instant shutdown begins, the app keeps serving for a delay, then Kestrel drains), registers it
/// on the host's builder, maps a readiness endpoint
/// when the app has none, and sets ShutdownTimeout when the current one leaves no time to drain after the delay.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShutdownReactionCodeFix)), Shared]
public sealed class ShutdownReactionCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AddGracefulShutdown";

    private const string Title = "Add graceful shutdown: fail readiness, keep serving, then drain";

    private static readonly OneByOneFixAllProvider FixAll = new(Title, EquivalenceKey, diagnostics => diagnostics, (solution, documentId, diagnostic, cancellationToken) => PlannedEdit.ApplyAsync(PlanAsync(solution, documentId, diagnostic, cancellationToken), cancellationToken));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ShutdownReaction);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (await PlanAsync(context.Document.Project.Solution, context.Document.Id, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } plan)
        {
            context.RegisterCodeFix(CodeAction.Create(Title, plan.ApplyAsync, EquivalenceKey), diagnostic);
        }
    }

    /// <summary>The scaffolding for this host; null when the project has it already or the host cannot be found.</summary>
    private static async Task<PlannedEdit?> PlanAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.ContainsKey(ShutdownReactionProperties.Mechanism) || solution.GetDocument(documentId) is not { } document)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || semanticModel is null || CSharpEdit.Declares(semanticModel.Compilation, DrainingScaffolding.TypeName)
            || HostBuildSite.Find(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), semanticModel, cancellationToken) is not { } site)
        {
            return null;
        }

        // The ShutdownTimeout setting the app has, when it stands in this file: the scaffolding rewrites it there.
        var current = properties.TryGetValue(ShutdownReactionProperties.TimeoutForm, out var form) && form is not null
            && diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } tree } setting && tree == root.SyntaxTree
                ? new CurrentTimeoutSetting(root.FindNode(setting.SourceSpan, getInnermostNodeForTie: true), form)
                : null;
        return new PlannedEdit(document, DrainingScaffolding.Add(new CSharpEdit(), unit, site, properties, ShutdownReactionProperties.DrainDelaySeconds, current));
    }
}
