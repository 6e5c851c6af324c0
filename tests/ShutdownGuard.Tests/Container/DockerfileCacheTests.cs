using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Container;
using ShutdownGuard.Rules.Container;
using ShutdownGuard.Tests.Manifests;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Container;

[Collection(nameof(ParseCounting))]
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

        var before = DockerfileReader.ReadCount;
        Assert.Equal(1, await AnalyseAsync(AnalyzerVerifier<ShellStartAnalyzer>.WebApp));
        var afterFirst = DockerfileReader.ReadCount;
        Assert.Equal(1, await AnalyseAsync(AnalyzerVerifier<ShellStartAnalyzer>.WebApp + "\n// an edit in C#\n"));

        Assert.Equal(1, afterFirst - before);
        Assert.Equal(afterFirst, DockerfileReader.ReadCount);
    }
}
