using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.CodeFixes.Budget;

/// <summary>One syntax edit that sets ShutdownTimeout, written with qualified names that are then simplified and imported.</summary>
internal sealed class HostOptionsSetting
{
    private const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";

    private readonly SyntaxNode _target;
    private readonly SyntaxNode? _replacement;
    private readonly StatementSyntax? _statementBefore;
    private readonly bool _needsDependencyInjection;

    private HostOptionsSetting(int seconds, SyntaxNode target, SyntaxNode? replacement, StatementSyntax? statementBefore, bool needsDependencyInjection)
    {
        Seconds = seconds;
        _target = target;
        _replacement = replacement;
        _statementBefore = statementBefore;
        _needsDependencyInjection = needsDependencyInjection;
    }

    public int Seconds { get; }

    /// <summary>Rewrites the value that code sets (the diagnostic stands on it).</summary>
    public static HostOptionsSetting? Replace(SyntaxNode value, string form, int seconds)
    {
        if (value is not ExpressionSyntax expression)
        {
            return null;
        }

        var replacement = form == nameof(TimeoutSettingKind.UseSetting)
            ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(seconds.ToString(CultureInfo.InvariantCulture)))
            : TimeSpanFromSeconds(seconds);
        return new HostOptionsSetting(seconds, expression, Ours(replacement).WithTriviaFrom(expression), null, needsDependencyInjection: false);
    }

    /// <summary>Sets the value where the default applies; the diagnostic stands on the host's <c>Build()</c>.</summary>
    public static HostOptionsSetting? Insert(SyntaxNode node, SemanticModel semanticModel, int seconds, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } build } invocation)
        {
            return null;
        }

        var receiver = build.Expression;
        var receiverType = semanticModel.GetTypeInfo(receiver, cancellationToken).Type;
        if (receiverType is null)
        {
            return null;
        }

        if (Is(receiverType, "Microsoft.AspNetCore.Hosting.IWebHostBuilder"))
        {
            return Chain(seconds, invocation, build, receiver, "UseShutdownTimeout", TimeSpanFromSeconds(seconds));
        }

        if (Is(receiverType, "Microsoft.Extensions.Hosting.IHostBuilder"))
        {
            var argument = SyntaxFactory.ParseExpression($"options => options.ShutdownTimeout = global::System.TimeSpan.FromSeconds({seconds})");
            return Chain(seconds, invocation, build, receiver, "ConfigureHostOptions", argument);
        }

        // WebApplicationBuilder, HostApplicationBuilder: a statement before the one that builds, on the same builder
        // variable (a builder expression with side effects must not be evaluated twice).
        if (receiver is IdentifierNameSyntax builder
            && receiverType.GetMembers("Services").Any()
            && invocation.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } statement)
        {
            var configure = SyntaxFactory.ParseStatement(
                $"{builder.Identifier.ValueText}.Services.Configure<global::Microsoft.Extensions.Hosting.HostOptions>(options => options.ShutdownTimeout = global::System.TimeSpan.FromSeconds({seconds}));");
            return new HostOptionsSetting(seconds, statement, null, Ours(configure), needsDependencyInjection: true);
        }

        return null;
    }

    public async Task<Document> ApplyAsync(Document document, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var lineBreak = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString().Contains("\r\n") ? "\r\n" : "\n";
        if (_replacement is not null)
        {
            editor.ReplaceNode(_target, _replacement);
        }
        else if (_statementBefore is not null)
        {
            // The new statement takes the indentation of the one that builds; comments above that one stay with it.
            var indentation = _target.GetLeadingTrivia().Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
            var statement = _statementBefore.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(lineBreak));
            if (_target.Parent is GlobalStatementSyntax global)
            {
                editor.InsertBefore(global, SyntaxFactory.GlobalStatement(statement));
            }
            else
            {
                editor.InsertBefore(_target, statement);
            }
        }

        var changed = editor.GetChangedDocument();
        if (_needsDependencyInjection)
        {
            changed = await AddUsingAsync(changed, DependencyInjectionNamespace, cancellationToken).ConfigureAwait(false);
        }

        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await WithLineBreaksAsync(document, changed, lineBreak, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the fix wrote ends its lines as the file does (the workspace default is CRLF).</summary>
    private static async Task<Document> WithLineBreaksAsync(Document original, Document changed, string lineBreak, CancellationToken cancellationToken)
    {
        var text = await original.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var changes = await changed.GetTextChangesAsync(original, cancellationToken).ConfigureAwait(false);
        var normalized = changes.Select(change => new TextChange(change.Span, (change.NewText ?? string.Empty).Replace("\r\n", "\n").Replace("\n", lineBreak)));
        return original.WithText(text.WithChanges(normalized));
    }

    private static HostOptionsSetting Chain(int seconds, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax build, ExpressionSyntax receiver, string method, ExpressionSyntax argument)
    {
        // receiver.Method(argument).Build(): the line break before .Build(), if any, stays where it was.
        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Ours(argument)))));
        var replacement = invocation.WithExpression(build.WithExpression(call.WithTrailingTrivia(receiver.GetTrailingTrivia())));
        return new HostOptionsSetting(seconds, invocation, replacement, null, needsDependencyInjection: false);
    }

    /// <summary>Marks code the fix writes: its qualified names are simplified and imported; the user's code is left as written.</summary>
    private static T Ours<T>(T node)
        where T : SyntaxNode => node.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

    private static ExpressionSyntax TimeSpanFromSeconds(int seconds) =>
        SyntaxFactory.ParseExpression($"global::System.TimeSpan.FromSeconds({seconds})");

    private static bool Is(ITypeSymbol type, string metadataName) =>
        Matches(type, metadataName) || type.AllInterfaces.Any(candidate => Matches(candidate, metadataName));

    private static bool Matches(ITypeSymbol type, string metadataName) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;

    /// <summary>Extension methods cannot be written qualified, so their namespace is imported unless a using (global ones included) already does.</summary>
    private static async Task<Document> AddUsingAsync(Document document, string namespaceName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || compilation is null || Imports(unit, namespaceName, local: true)
            || compilation.SyntaxTrees.Any(tree => tree.GetRoot(cancellationToken) is CompilationUnitSyntax other && Imports(other, namespaceName, local: false)))
        {
            return document;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(unit.AddUsings(directive));
    }

    private static bool Imports(CompilationUnitSyntax unit, string namespaceName, bool local) =>
        unit.Usings.Any(directive => (local || directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) && directive.Alias is null && directive.Name?.ToString() == namespaceName);
}
