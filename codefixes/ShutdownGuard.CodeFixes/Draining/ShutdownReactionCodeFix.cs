using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShutdownGuard.CodeFixes.Budget;
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
        if (!properties.TryGetValue(ShutdownReactionProperties.Mechanism, out var mechanism) || solution.GetDocument(documentId) is not { } document)
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

        // The class goes beside the code that builds the host, so the simple name binds there.
        const string type = DrainingScaffolding.TypeName;
        var scaffolding = new CSharpEdit().AppendType(unit, mechanism == ShutdownReactionProperties.LifecycleMechanism ? DrainingScaffolding.Lifecycle : DrainingScaffolding.StoppingCallback);
        foreach (var namespaceName in DrainingScaffolding.Namespaces)
        {
            scaffolding.Imports(namespaceName);
        }

        var edit = site.AddServices(scaffolding, $"AddSingleton<{type}>().AddHostedService(provider => provider.GetRequiredService<{type}>())");
        if (properties.TryGetValue(ShutdownReactionProperties.ShutdownTimeout, out var secondsText) && int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            // The setting the app has is rewritten, in this file; one added beside it would leave it there, overridden.
            var rewritten = properties.TryGetValue(ShutdownReactionProperties.TimeoutForm, out var form) && form is not null
                && diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } tree } setting && tree == root.SyntaxTree
                && HostOptionsSetting.Replace(edit, root.FindNode(setting.SourceSpan, getInnermostNodeForTie: true), form, seconds) is not null;
            if (!rewritten)
            {
                HostOptionsSetting.Insert(edit, site, seconds);
            }
        }

        if (properties.TryGetValue(ShutdownReactionProperties.ReadinessRoute, out var route) && route is not null && site.AppVariable is { } app && site.Statement is { } statement)
        {
            var literal = SymbolDisplay.FormatLiteral(route, quote: true);
            edit.InsertAfter(statement, SyntaxFactory.ParseStatement(
                $"{app}.MapGet({literal}, ({type} shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text(\"ready\"));"));
            edit.Imports("Microsoft.AspNetCore.Builder").Imports("Microsoft.AspNetCore.Http");
        }

        return new PlannedEdit(document, edit);
    }
}
