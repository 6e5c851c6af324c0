using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Budget;

namespace ShutdownGuard.CodeFixes.Budget;

/// <summary>
/// SG1003's two fixes: "Set ShutdownTimeout to N s" in C# (offered first) and "Raise terminationGracePeriodSeconds to
/// N" in the manifest. One provider offers both, so that a tool applying every fix of SG1003 with the first action's
/// equivalence key (dotnet format) sets ShutdownTimeout only, instead of fixing the budget twice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShutdownBudgetCodeFix)), Shared]
public sealed class ShutdownBudgetCodeFix : CodeFixProvider
{
    public const string SetShutdownTimeoutKey = "SetShutdownTimeout";
    public const string RaiseGracePeriodKey = "RaiseTerminationGracePeriod";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ShutdownBudget);

    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var document = context.Document;
        if (await SettingForAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } setting)
        {
            context.RegisterCodeFix(
                CodeAction.Create($"Set ShutdownTimeout to {setting.Seconds} s", cancellationToken => setting.Edit.ApplyAsync(document, cancellationToken), SetShutdownTimeoutKey),
                diagnostic);
        }

        if (GracePeriodEdit.From(diagnostic) is { } edit && edit.FindManifest(document.Project.Solution) is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Raise terminationGracePeriodSeconds to {edit.Seconds}",
                    cancellationToken => GracePeriodEdit.ApplyAsync(document.Project.Solution, new[] { edit }, cancellationToken),
                    RaiseGracePeriodKey),
                diagnostic);
        }
    }

    private static async Task<(int Seconds, CSharpEdit Edit)?> SettingForAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(ShutdownBudgetProperties.FittingShutdownTimeout, out var secondsText)
            || !int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !diagnostic.Properties.TryGetValue(ShutdownBudgetProperties.TimeoutForm, out var form)
            || form is null)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var edit = form == ShutdownBudgetProperties.DefaultForm
            ? HostOptionsSetting.Insert(node, semanticModel, seconds, cancellationToken)
            : HostOptionsSetting.Replace(new CSharpEdit(), node, form, seconds);
        return edit is null ? null : (seconds, edit);
    }

    /// <summary>
    /// ShutdownTimeout is one value per project: every SG1003 of a project stands at the same place with the same
    /// value, so Fix All sets it once per document.
    /// </summary>
    private static IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> FirstPerDocument(IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> diagnostics) =>
        diagnostics.GroupBy(item => item.Document).Select(group => group.OrderBy(item => item.Diagnostic.Location.SourceSpan.Start).First());

    private static async Task<Solution?> SetShutdownTimeoutAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        solution.GetDocument(documentId) is { } document && await SettingForAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } setting
            ? (await setting.Edit.ApplyAsync(document, cancellationToken).ConfigureAwait(false)).Project.Solution
            : null;

    /// <summary>
    /// Fix All of the chosen fix. The standard batch fixer merges changes of source documents only; the manifest fix
    /// makes one edit per workload, each manifest edited once.
    /// </summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        private static readonly OneByOneFixAllProvider SetShutdownTimeout = new("Set ShutdownTimeout", SetShutdownTimeoutKey, FirstPerDocument, SetShutdownTimeoutAsync);

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            if (fixAllContext.CodeActionEquivalenceKey != RaiseGracePeriodKey)
            {
                return await SetShutdownTimeout.GetFixAsync(fixAllContext).ConfigureAwait(false);
            }

            var edits = (await OneByOneFixAllProvider.DiagnosticsInScopeAsync(fixAllContext).ConfigureAwait(false))
                .Select(item => GracePeriodEdit.From(item.Diagnostic))
                .OfType<GracePeriodEdit>()
                .ToList();
            var solution = fixAllContext.Solution;
            return edits.Count == 0
                ? null
                : CodeAction.Create("Raise terminationGracePeriodSeconds", cancellationToken => GracePeriodEdit.ApplyAsync(solution, edits, cancellationToken), RaiseGracePeriodKey);
        }
    }
}
