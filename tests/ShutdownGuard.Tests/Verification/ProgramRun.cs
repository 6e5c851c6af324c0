using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Rules;

namespace ShutdownGuard.Tests.Verification;

/// <summary>Every rule over one program (<c>/src/Program.cs</c>, code that compiles) with its manifest and referenced
/// libraries: the rule IDs it reports, for tests that look at which rules speak rather than where.</summary>
internal static class ProgramRun
{
    public static async Task<IReadOnlyCollection<string>> IdsAsync(string code, string manifest, params MetadataReference[] libraries)
    {
        var project = (await WorkspaceProject.CreateAsync(
                new[] { ("/src/Program.cs", SourceText.From(code)) },
                new[] { ("/k8s/deployment.yaml", SourceText.From(manifest)) },
                "is_global = true\n" + AnalyzerVerifier<ProgramAnalyzer>.ProjectProperties))
            .AddMetadataReferences(libraries);
        var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var analysis = (await FullAnalysis.RunAsync(project)).AssertNoException();
        return analysis.Diagnostics.Select(diagnostic => diagnostic.Id).Distinct().ToList();
    }
}
