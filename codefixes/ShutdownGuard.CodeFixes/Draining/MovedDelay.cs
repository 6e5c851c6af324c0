using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Budget;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// What the fixes of a misplaced delay (SG1004, SG1005) share: the syntax of delays and of waiting for tasks, and
/// applying an edit at the delay together with the draining scaffolding at the host's <c>Build()</c> (the diagnostic's
/// first additional location) when the properties ask for it.
/// </summary>
internal static class MovedDelay
{
    /// <summary>The edit at the delay; null when its code has a form the fix does not rewrite.</summary>
    public delegate CSharpEdit? DelayEdit(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken);

    /// <param name="scaffold">Whether the delay moved (asked once the edit is made): then the scaffolding is added when the
    /// properties ask for it; otherwise ShutdownTimeout is set where they say.</param>
    public static async Task<Solution?> ApplyAsync(Solution solution, DocumentId documentId, Diagnostic diagnostic, DelayEdit editDelay, Func<bool> scaffold, CancellationToken cancellationToken)
    {
        if (solution.GetDocument(documentId) is not { } document
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel
            || CurrentSpan(root.SyntaxTree, diagnostic.Location) is not { } span
            || editDelay(root.FindNode(span, getInnermostNodeForTie: true), semanticModel, cancellationToken) is not { } edit
            || diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } buildTree } build)
        {
            return null;
        }

        var properties = diagnostic.Properties;
        var addScaffolding = scaffold() && properties.ContainsKey(StoppingDelayProperties.AddScaffolding) && !CSharpEdit.Declares(semanticModel.Compilation, DrainingScaffolding.TypeName);
        if (!addScaffolding && !properties.ContainsKey(ShutdownReactionProperties.ShutdownTimeout))
        {
            return (await edit.ApplyAsync(document, cancellationToken).ConfigureAwait(false)).Project.Solution;
        }

        // The host is configured in the same edit when it is built in the same file; otherwise after the delay's file changed.
        var buildDocument = solution.GetDocument(buildTree);
        if (buildDocument is null)
        {
            return null;
        }

        if (buildDocument.Id != document.Id)
        {
            solution = (await edit.ApplyAsync(document, cancellationToken).ConfigureAwait(false)).Project.Solution;
            buildDocument = solution.GetDocument(buildDocument.Id)!;
            edit = new CSharpEdit();
        }

        var buildRoot = await buildDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var buildModel = await buildDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (buildRoot is not CompilationUnitSyntax unit || buildModel is null || CurrentSpan(buildRoot.SyntaxTree, build) is not { } buildSpan
            || HostBuildSite.Find(buildRoot.FindNode(buildSpan, getInnermostNodeForTie: true), buildModel, cancellationToken) is not { } site)
        {
            return null;
        }

        if (addScaffolding)
        {
            var seconds = properties.TryGetValue(StoppingDelayProperties.DrainDelay, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : ShutdownReactionProperties.DrainDelaySeconds;
            DrainingScaffolding.Add(edit, unit, site, properties, seconds);
        }
        // A fix applied before this one (Fix All) has configured the host already.
        else if (build.SourceTree == buildRoot.SyntaxTree
            && int.TryParse(properties[ShutdownReactionProperties.ShutdownTimeout], NumberStyles.None, CultureInfo.InvariantCulture, out var timeout))
        {
            HostOptionsSetting.Insert(edit, site, timeout);
        }

        return (await edit.ApplyAsync(buildDocument, cancellationToken).ConfigureAwait(false)).Project.Solution;
    }

    /// <summary>Where a location of the analysed text is in the current one, after the fixes applied before this one (Fix
    /// All); null when one of them changed it.</summary>
    private static TextSpan? CurrentSpan(SyntaxTree current, Location location)
    {
        var span = location.SourceSpan;
        if (location.SourceTree is not { } analysed || analysed == current)
        {
            return span;
        }

        var shift = 0;
        foreach (var change in current.GetChanges(analysed))
        {
            if (change.Span.End <= span.Start)
            {
                shift += (change.NewText?.Length ?? 0) - change.Span.Length;
            }
            else if (change.Span.Start < span.End)
            {
                return null;
            }
        }

        return new TextSpan(span.Start + shift, span.Length);
    }

    /// <summary><c>Task.Delay(…)</c> or <c>Thread.Sleep(…)</c>.</summary>
    public static bool IsDelay(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        expression is InvocationExpressionSyntax
        && semanticModel.GetSymbolInfo(expression, cancellationToken).Symbol is IMethodSymbol { Name: "Delay" or "Sleep" } method
        && method.ContainingType.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Thread";

    /// <summary>The task an expression waits for or drops: <c>await t</c>, <c>t.ConfigureAwait(…)</c>, <c>_ = t</c>,
    /// <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> give <c>t</c>.</summary>
    public static ExpressionSyntax Task(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case AwaitExpressionSyntax awaited:
                    expression = awaited.Expression;
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard:
                    expression = discard.Right;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" or "Wait" or "GetResult" or "GetAwaiter" } access }:
                    expression = access.Expression;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary>The expression statements of a function that only wait for, or drop, a delay.</summary>
    public static bool IsDelayStatement(StatementSyntax statement, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        statement is ExpressionStatementSyntax expression && IsDelay(Task(expression.Expression), semanticModel, cancellationToken);

    /// <summary>Waits for the task by blocking: <c>Thread.Sleep(d)</c> for <c>Task.Delay(d)</c>, else <c>t.GetAwaiter().GetResult()</c>.</summary>
    public static ExpressionSyntax Blocking(ExpressionSyntax task, SemanticModel semanticModel, CSharpEdit edit, CancellationToken cancellationToken)
    {
        if (task is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
            && semanticModel.GetSymbolInfo(task, cancellationToken).Symbol is IMethodSymbol { Name: "Delay" } method
            && method.ContainingType.ToDisplayString() == "System.Threading.Tasks.Task")
        {
            edit.Imports("System.Threading");
            return SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression("Thread.Sleep"), invocation.ArgumentList.WithoutTrivia());
        }

        return SyntaxFactory.ParseExpression($"{task.WithoutTrivia()}.GetAwaiter().GetResult()");
    }

    /// <summary>Whether a function body awaits anything outside its nested functions.</summary>
    public static bool Awaits(SyntaxNode body) =>
        body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AwaitExpressionSyntax>().Any();

    /// <summary>The modifiers without <c>async</c>; the indentation before a leading <c>async</c> goes to the next one.</summary>
    public static SyntaxTokenList WithoutAsync(SyntaxTokenList modifiers)
    {
        var index = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
        if (index < 0)
        {
            return modifiers;
        }

        var removed = modifiers.RemoveAt(index);
        return index == 0 && removed.Count > 0 ? removed.Replace(removed[0], removed[0].WithLeadingTrivia(modifiers[0].LeadingTrivia)) : removed;
    }

    public static bool IsTask(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        for (var type = semanticModel.GetTypeInfo(expression, cancellationToken).Type; type is not null; type = type.BaseType)
        {
            if (type.ToDisplayString() == "System.Threading.Tasks.Task")
            {
                return true;
            }
        }

        return false;
    }
}
