using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Tests.Verification;

/// <summary>A project as an IDE holds it (an <see cref="AdhocWorkspace"/>), so code fixes can be asked and applied.</summary>
internal static class WorkspaceProject
{
    /// <summary>An ASP.NET Core 8 executable (OrdersApi unless named) with the given sources, additional files and <c>.globalconfig</c>.</summary>
    public static async Task<Project> CreateAsync(
        IEnumerable<(string Path, SourceText Text)> sources,
        IEnumerable<(string Path, SourceText Text)> additionalFiles,
        string globalConfig,
        string projectName = "OrdersApi")
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            projectName,
            projectName,
            LanguageNames.CSharp,
            filePath: "/" + projectName + ".csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: await References.AspNetCore80.AllAsync()));
        foreach (var (path, text) in sources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), text, filePath: path);
        }

        foreach (var (path, text) in additionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), text, filePath: path);
        }

        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(globalConfig), filePath: "/.globalconfig");
        return solution.GetProject(projectId)!;
    }
}
