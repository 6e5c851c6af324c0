using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;

namespace ShutdownGuard.CodeFixes.Editing;

/// <summary>
/// Syntax edits of one document, applied together. Code the fix writes uses simple names and declares the namespaces
/// it needs (<see cref="Imports(string?)"/>): a using is added where none — global ones in other files included — imports it.
/// Code marked with <see cref="Ours"/> is formatted; the user's code stays as written. What the fix writes ends its
/// lines as the file does.
/// </summary>
internal sealed class CSharpEdit
{
    private readonly List<Action<DocumentEditor, string>> _edits = new();
    private readonly SortedSet<string> _namespaces = new(StringComparer.Ordinal);

    /// <summary>Marks code the fix writes, for formatting.</summary>
    public static T Ours<T>(T node)
        where T : SyntaxNode => node.WithAdditionalAnnotations(Formatter.Annotation);

    public bool IsEmpty => _edits.Count == 0;

    public CSharpEdit Replace(SyntaxNode node, SyntaxNode replacement)
    {
        _edits.Add((editor, _) => editor.ReplaceNode(node, replacement));
        return this;
    }

    /// <summary>Replaces a node with what <paramref name="rewrite"/> makes of its current form, so that several edits of
    /// one node compose.</summary>
    public CSharpEdit Rewrite<T>(T node, Func<T, SyntaxNode> rewrite)
        where T : SyntaxNode
    {
        _edits.Add((editor, _) => editor.ReplaceNode(node, (current, _) => rewrite((T)current)));
        return this;
    }

    /// <summary>Removes a statement (top-level or in a block) with its line.</summary>
    public CSharpEdit Remove(StatementSyntax statement)
    {
        _edits.Add((editor, _) => editor.RemoveNode(Container(statement), SyntaxRemoveOptions.KeepUnbalancedDirectives));
        return this;
    }

    /// <summary>A statement before another (top-level or in a block), with its indentation; comments above the other stay with it.</summary>
    public CSharpEdit InsertBefore(StatementSyntax anchor, StatementSyntax statement)
    {
        _edits.Add((editor, lineBreak) => editor.InsertBefore(Container(anchor), Wrap(anchor, Indented(anchor, statement, lineBreak))));
        return this;
    }

    /// <summary>A statement after another (top-level or in a block), with its indentation.</summary>
    public CSharpEdit InsertAfter(StatementSyntax anchor, StatementSyntax statement)
    {
        _edits.Add((editor, lineBreak) => editor.InsertAfter(Container(anchor), Wrap(anchor, Indented(anchor, statement, lineBreak))));
        return this;
    }

    /// <summary>
    /// A type declaration at the end of the file (after its top-level statements, or inside its namespace): a fix adds
    /// code beside the code it changes rather than a new file, which build tools would list in the project file.
    /// </summary>
    public CSharpEdit AppendType(CompilationUnitSyntax root, string declaration)
    {
        var type = (MemberDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(declaration)!;
        var container = (SyntaxNode?)root.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault() ?? root;

        // One blank line before it, whether or not the file ends with a line break; the type now ends the file, so it
        // takes over the file's final line break (the last token keeps its own).
        var endsWithLineBreak = container.GetLastToken().TrailingTrivia.Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        _edits.Add((editor, lineBreak) =>
        {
            var separator = endsWithLineBreak ? new[] { SyntaxFactory.EndOfLine(lineBreak) } : new[] { SyntaxFactory.EndOfLine(lineBreak), SyntaxFactory.EndOfLine(lineBreak) };
            var appended = Ours(type).WithLeadingTrivia(type.GetLeadingTrivia().InsertRange(0, separator));
            editor.AddMember(container, endsWithLineBreak ? appended.WithTrailingTrivia(type.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine(lineBreak))) : appended);
        });
        return this;
    }

    /// <summary>True when the compilation already declares a type of that name (a previous fix added it).</summary>
    public static bool Declares(Compilation compilation, string typeName) =>
        compilation.GetSymbolsWithName(typeName, SymbolFilter.Type).Any();

    /// <summary>A namespace the written code needs: imported unless a using already does.</summary>
    public CSharpEdit Imports(string? namespaceName)
    {
        if (!string.IsNullOrEmpty(namespaceName))
        {
            _namespaces.Add(namespaceName!);
        }

        return this;
    }

    public async Task<Document> ApplyAsync(Document document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var lineBreak = text.ToString().Contains("\r\n") ? "\r\n" : "\n";
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var edit in _edits)
        {
            edit(editor, lineBreak);
        }

        var changed = editor.GetChangedDocument();
        foreach (var namespaceName in _namespaces)
        {
            changed = await AddUsingAsync(changed, namespaceName, cancellationToken).ConfigureAwait(false);
        }

        changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fixedDocument = await WithLineBreaksAsync(document, changed, lineBreak, cancellationToken).ConfigureAwait(false);
        WorkCounters.FixedSolutionComputed();
        return fixedDocument;
    }

    private static SyntaxNode Container(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

    private static SyntaxNode Wrap(StatementSyntax anchor, StatementSyntax statement) =>
        anchor.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

    private static StatementSyntax Indented(StatementSyntax anchor, StatementSyntax statement, string lineBreak)
    {
        var indentation = anchor.GetLeadingTrivia().Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        return Ours(statement).WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(lineBreak));
    }

    /// <summary>What the fix wrote ends its lines as the file does (the workspace default is CRLF).</summary>
    private static async Task<Document> WithLineBreaksAsync(Document original, Document changed, string lineBreak, CancellationToken cancellationToken)
    {
        var text = await original.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var changes = await changed.GetTextChangesAsync(original, cancellationToken).ConfigureAwait(false);
        var normalized = changes.Select(change => new TextChange(change.Span, (change.NewText ?? string.Empty).Replace("\r\n", "\n").Replace("\n", lineBreak)));
        return original.WithText(text.WithChanges(normalized));
    }

    private static async Task<Document> AddUsingAsync(Document document, string namespaceName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || compilation is null || Imports(unit, namespaceName, local: true)
            || compilation.SyntaxTrees.Any(tree => tree.GetRoot(cancellationToken) is CompilationUnitSyntax other && Imports(other, namespaceName, local: false)))
        {
            return document;
        }

        // In order, System first, as the usual style has it.
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithAdditionalAnnotations(Formatter.Annotation);
        var index = 0;
        while (index < unit.Usings.Count && CompareNamespaces(unit.Usings[index].Name?.ToString() ?? string.Empty, namespaceName) < 0)
        {
            index++;
        }

        return document.WithSyntaxRoot(unit.WithUsings(unit.Usings.Insert(index, directive)));
    }

    private static int CompareNamespaces(string left, string right)
    {
        static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
        return IsSystem(left) != IsSystem(right) ? (IsSystem(left) ? -1 : 1) : StringComparer.Ordinal.Compare(left, right);
    }

    private static bool Imports(CompilationUnitSyntax unit, string namespaceName, bool local) =>
        unit.Usings.Any(directive => (local || directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) && directive.Alias is null && directive.Name?.ToString() == namespaceName);
}
