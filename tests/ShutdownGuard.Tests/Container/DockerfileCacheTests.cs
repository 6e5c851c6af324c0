using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Rules.Container;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Container;

public class DockerfileCacheTests
{
    [Fact]
    public async Task A_second_compilation_over_the_same_dockerfile_text_does_not_parse_it_again()
    {
        var references = await References.AspNetCore80.AllAsync();
        var dockerfile = new Verification.Manifests.InMemoryFile("/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet App.dll\n# " + Guid.NewGuid() + "\n");

        async Task<int> AnalyseAsync(string code)
        {
            var compilation = CSharpCompilation.Create("Orders", new[] { CSharpSyntaxTree.ParseText(code) }, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(dockerfile));
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ShellStartAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
            return diagnostics.Count(diagnostic => diagnostic.Id == "SG3001");
        }

        using var work = WorkCounters.Start();
        Assert.Equal(1, await AnalyseAsync(AnalyzerVerifier<ShellStartAnalyzer>.WebApp));
        var afterFirst = work.AdditionalFilesRead;
        Assert.Equal(1, await AnalyseAsync(AnalyzerVerifier<ShellStartAnalyzer>.WebApp + "\n// an edit in C#\n"));

        Assert.Equal(1, afterFirst);
        Assert.Equal(afterFirst, work.AdditionalFilesRead);
    }
}
