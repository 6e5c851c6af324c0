using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.CodeFixes.Editing;

/// <summary>A C# file a fix adds beside an existing one, in that file's namespace and with its line breaks.</summary>
internal static class NewDocument
{
    /// <summary>True when the project already declares a type of that name (a previous fix added it).</summary>
    public static bool Declares(Compilation compilation, string typeName) =>
        compilation.GetSymbolsWithName(typeName, SymbolFilter.Type).Any();

    /// <summary>The namespace of the file's first namespace declaration; null for the global namespace.</summary>
    public static string? NamespaceOf(SyntaxNode root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<BaseNamespaceDeclarationSyntax>()
            .FirstOrDefault()?.Name.ToString();

    /// <param name="usings">The using directives, one per line.</param>
    /// <param name="body">The type declarations, indented for the top level.</param>
    public static Solution Add(Solution solution, Document beside, string fileName, string usings, string? namespaceName, string body, string lineBreak)
    {
        var text = usings + "\n" + (namespaceName is null ? string.Empty : $"namespace {namespaceName};\n\n") + body;
        var folder = beside.FilePath is null ? null : Path.GetDirectoryName(beside.FilePath);
        var path = folder is null ? fileName : Path.Combine(folder, fileName);
        var id = DocumentId.CreateNewId(beside.Project.Id, fileName);
        return solution.AddDocument(id, fileName, SourceText.From(text.Replace("\n", lineBreak)), beside.Folders, path);
    }

    public static string LineBreakOf(SourceText text) => text.ToString().Contains("\r\n") ? "\r\n" : "\n";
}
