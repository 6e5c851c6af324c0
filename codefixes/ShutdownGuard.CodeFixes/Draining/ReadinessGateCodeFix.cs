using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// SG1002: "Fail readiness while the app is stopping". A minimal-API handler answers 503, a controller action returns
/// 503, a health-check endpoint gets a stopping check its predicate selects. Never offered for an endpoint that
/// liveness also probes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadinessGateCodeFix)), Shared]
public sealed class ReadinessGateCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "GateReadiness";

    private const string Title = "Fail readiness while the app is stopping";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReadinessGate);

    private static readonly OneByOneFixAllProvider FixAll = new(Title, EquivalenceKey, Order, (solution, documentId, diagnostic, cancellationToken) => PlannedEdit.ApplyAsync(PlanAsync(solution, documentId, diagnostic, cancellationToken), cancellationToken));

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var solution = context.Document.Project.Solution;
        if (await PlanAsync(solution, context.Document.Id, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } plan)
        {
            context.RegisterCodeFix(CodeAction.Create(Title, plan.ApplyAsync, EquivalenceKey), diagnostic);
        }
    }

    /// <summary>
    /// Endpoints latest in the file first, so that earlier spans stay valid; then, once, the registration of a stopping
    /// check before <c>Build()</c>, which moves everything after it.
    /// </summary>
    private static IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> Order(IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> diagnostics)
    {
        var ordered = diagnostics
            .OrderBy(item => item.Diagnostic.Properties.ContainsKey(ReadinessGateProperties.StoppingCheckTags))
            .ThenByDescending(item => item.Diagnostic.Location.SourceSpan.Start)
            .ToList();
        return ordered.Where(item => !item.Diagnostic.Properties.ContainsKey(ReadinessGateProperties.StoppingCheckTags))
            .Concat(ordered.Where(item => item.Diagnostic.Properties.ContainsKey(ReadinessGateProperties.StoppingCheckTags)).Take(1));
    }

    /// <summary>The gate of one endpoint; null when this endpoint cannot be gated safely.</summary>
    private static async Task<PlannedEdit?> PlanAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(ReadinessGateProperties.LivenessAlsoProbes) || solution.GetDocument(documentId) is not { } document)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (diagnostic.Properties.TryGetValue(ReadinessGateProperties.StoppingCheckTags, out var tags) && tags is not null)
        {
            if (diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } buildTree } build || solution.GetDocument(buildTree) is not { } buildDocument)
            {
                return null;
            }

            var tagList = tags.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            return await StoppingHealthCheck.PlanAsync(buildDocument, build.SourceSpan, tagList, cancellationToken).ConfigureAwait(false);
        }

        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return semanticModel is not null && ReadinessGate.For(node, diagnostic.Location.SourceSpan, semanticModel, cancellationToken) is { } edit
            ? new PlannedEdit(document, edit)
            : null;
    }
}
