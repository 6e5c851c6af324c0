using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Samples;

/// <summary>
/// Applies ShutdownGuard's fixes to a sample app as an IDE user would, one diagnostic at a time, until none that a fix
/// can handle is left: every analyzer and every code fix of the package, C# and additional documents alike.
/// </summary>
internal static class SampleFixer
{
    private const string GlobalUsingsPath = "/obj/GlobalUsings.g.cs";

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ExportedComponents.Analyzers();

    private static readonly ImmutableArray<CodeFixProvider> Fixes = ExportedComponents.CodeFixes();

    /// <summary>The fixed files, by path relative to the app folder (C# files the fixes add included).</summary>
    /// <param name="files">The app's files by relative path: <c>.cs</c> files are sources, the rest additional files.</param>
    public static async Task<IReadOnlyDictionary<string, string>> FixAsync(string projectName, IReadOnlyDictionary<string, string> files)
    {
        var project = await CreateAsync(projectName, files);
        for (var round = 0; round < 50; round++)
        {
            var offered = await OfferedFixesAsync(project);
            if (offered.Count == 0)
            {
                break;
            }

            project = await ApplyAsync(offered[0]);
        }

        return await FilesAsync(project);
    }

    /// <summary>The diagnostics the analyzers report on the files, for checking that a fixed app is clean.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string projectName, IReadOnlyDictionary<string, string> files) =>
        await DiagnosticsAsync(await CreateAsync(projectName, files));

    /// <summary>Every action every fix offers for the project's diagnostics, in the order of the diagnostics (by ID, path
    /// and position), then of the providers and of their actions.</summary>
    public static async Task<IReadOnlyList<OfferedFix>> OfferedFixesAsync(Project project)
    {
        var offered = new List<OfferedFix>();
        foreach (var diagnostic in await DiagnosticsAsync(project))
        {
            if (FindDocument(project, diagnostic) is not { } document)
            {
                continue;
            }

            foreach (var provider in Fixes.Where(fix => fix.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                var context = document is Document source
                    ? new CodeFixContext(source, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)
                    : new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context);
                offered.AddRange(actions.Select(action => new OfferedFix(project, diagnostic, action)));
            }
        }

        return offered;
    }

    public static async Task<Project> ApplyAsync(OfferedFix fix)
    {
        var operations = await fix.Action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(fix.Project.Id)!;
    }

    /// <summary>The project's files by path relative to the app folder (the implicit global usings left out).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FilesAsync(Project project)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in project.Documents.Cast<TextDocument>().Concat(project.AdditionalDocuments).Where(document => document.FilePath != GlobalUsingsPath))
        {
            result[document.FilePath!.TrimStart('/')] = (await document.GetTextAsync()).ToString();
        }

        return result;
    }

    /// <summary>The analyzers' diagnostics, sorted; fails when the code does not compile or an analyzer throws.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("No compilation.");
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The sample does not compile: " + string.Join("; ", errors));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return diagnostics.OrderBy(diagnostic => diagnostic.Id, StringComparer.Ordinal).ThenBy(diagnostic => diagnostic.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The app as an IDE holds it.</summary>
    /// <param name="files">The app's files by relative path: <c>.cs</c> files are sources, the rest additional files.</param>
    public static async Task<Project> CreateAsync(string projectName, IReadOnlyDictionary<string, string> files)
    {
        var ordered = files.OrderBy(file => file.Key, StringComparer.Ordinal).Select(file => (Path: "/" + file.Key, Text: SourceText.From(file.Value))).ToList();
        var sources = ordered.Where(file => file.Path.EndsWith(".cs", StringComparison.Ordinal)).Append((GlobalUsingsPath, SourceText.From(WebSdk.ImplicitUsings)));
        return await WorkspaceProject.CreateAsync(
            sources,
            ordered.Where(file => !file.Path.EndsWith(".cs", StringComparison.Ordinal)),
            $"is_global = true\nbuild_property.MSBuildProjectName = {projectName}\nbuild_property.ProjectDir = /\n",
            projectName);
    }

    private static TextDocument? FindDocument(Project project, Diagnostic diagnostic)
    {
        if (diagnostic.Location.IsInSource)
        {
            return project.GetDocument(diagnostic.Location.SourceTree);
        }

        var path = diagnostic.Location.GetLineSpan().Path;
        return project.AdditionalDocuments.FirstOrDefault(document => document.FilePath == path);
    }
}

/// <summary>One action a fix offers for one diagnostic of a project.</summary>
internal sealed record OfferedFix(Project Project, Diagnostic Diagnostic, CodeAction Action)
{
    /// <summary>What the fix does and where, the same before and after other fixes move the text: the rule, the action
    /// and the file.</summary>
    public string Kind => $"{Diagnostic.Id} {Action.EquivalenceKey ?? Action.Title} {Diagnostic.Location.GetLineSpan().Path}";
}
