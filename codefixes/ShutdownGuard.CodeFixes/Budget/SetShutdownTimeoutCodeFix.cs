using System;
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
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Budget;

namespace ShutdownGuard.CodeFixes.Budget;

/// <summary>
/// SG1003: "Set ShutdownTimeout to N s". Rewrites the value where code sets it, or, where the default applies,
/// sets it the way the builder in use expects: <c>builder.Services.Configure&lt;HostOptions&gt;</c> for
/// <c>WebApplicationBuilder</c>/<c>HostApplicationBuilder</c>, <c>ConfigureHostOptions</c> on an <c>IHostBuilder</c>
/// chain, <c>UseShutdownTimeout</c> on the legacy <c>IWebHostBuilder</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetShutdownTimeoutCodeFix)), Shared]
public sealed class SetShutdownTimeoutCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SetShutdownTimeout";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ShutdownTimeoutExceedsGracePeriod);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(BudgetProperties.FittingShutdownTimeout, out var secondsText)
            || !int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !diagnostic.Properties.TryGetValue(BudgetProperties.TimeoutForm, out var form)
            || form is null)
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var edit = form == BudgetProperties.DefaultForm
            ? HostOptionsSetting.Insert(node, semanticModel, seconds, context.CancellationToken)
            : HostOptionsSetting.Replace(node, form, seconds);
        if (edit is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Set ShutdownTimeout to {seconds} s",
                cancellationToken => edit.ApplyAsync(context.Document, cancellationToken),
                EquivalenceKey),
            diagnostic);
    }
}
