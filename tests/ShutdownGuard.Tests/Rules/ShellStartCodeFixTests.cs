using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Container;
using ShutdownGuard.Container;
using ShutdownGuard.Rules.Container;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class ShellStartCodeFixTests
{
    private const string Runtime = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n";

    private static AdditionalDocumentFixVerifier<ShellStartAnalyzer, ShellStartCodeFix> Verifier() =>
        new AdditionalDocumentFixVerifier<ShellStartAnalyzer, ShellStartCodeFix>("SG3001")
            .Source(AnalyzerVerifier<ShellStartAnalyzer>.WebApp)
            .Validate((path, text) => Assert.Null(ShellStart.Find(DockerfileReader.Read(SourceText.From(text), CancellationToken.None))));

    [Theory]
    [InlineData("ENTRYPOINT dotnet App.dll --urls http://+:8080", "ENTRYPOINT [\"dotnet\", \"App.dll\", \"--urls\", \"http://+:8080\"]")]
    [InlineData("CMD   dotnet \"My App.dll\" 'a b' c\\ d", "CMD   [\"dotnet\", \"My App.dll\", \"a b\", \"c d\"]")]
    [InlineData("CMD [\"sh\", \"-c\", \"dotnet App.dll\"]", "CMD [\"sh\", \"-c\", \"exec dotnet App.dll\"]")]
    [InlineData("CMD [ \"/bin/sh\",\"-c\",  \"cd /app && dotnet App.dll\" ]", "CMD [ \"/bin/sh\",\"-c\",  \"cd /app && exec dotnet App.dll\" ]")]
    [InlineData("CMD cd /app && dotnet App.dll --urls \"$URLS\"", "CMD [\"/bin/sh\", \"-c\", \"cd /app && exec dotnet App.dll --urls \\\"$URLS\\\"\"]")]
    [InlineData("CMD dotnet App.dll > /log/app.txt", "CMD [\"/bin/sh\", \"-c\", \"exec dotnet App.dll > /log/app.txt\"]")]
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]\nCMD set -e; dotnet App.dll", "SHELL [\"/bin/bash\", \"-c\"]\nCMD [\"/bin/bash\", \"-c\", \"set -e; exec dotnet App.dll\"]")]
    [InlineData("ENTRYPOINT [\"tini\", \"--\"]\nCMD dotnet App.dll", "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"dotnet\", \"App.dll\"]")]
    public async Task The_start_command_is_rewritten_and_the_rest_of_the_file_is_kept(string before, string after)
    {
        await Verifier()
            .File("/Dockerfile", Runtime + before + "\nEXPOSE 8080\n")
            .FixEachAsync(("/Dockerfile", Runtime + after + "\nEXPOSE 8080\n"));
    }

    [Fact]
    public async Task Continuation_lines_become_one_line_and_crlf_elsewhere_stays()
    {
        const string Before = "# escape=`\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nENTRYPOINT dotnet `\r\n    App.dll   \r\n# done\r\n";
        const string After = "# escape=`\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nENTRYPOINT [\"dotnet\", \"App.dll\"]\r\n# done\r\n";
        await Verifier().File("/src/Dockerfile", Before).FixEachAsync(("/src/Dockerfile", After));
    }

    [Theory]
    [InlineData("CMD dotnet App.dll | tee /log")]
    [InlineData("CMD dotnet App.dll &")]
    [InlineData("CMD ASPNETCORE_URLS=http://+:80 dotnet App.dll")]
    [InlineData("CMD trap 'echo bye' TERM; dotnet App.dll")]
    [InlineData("CMD if true; then dotnet App.dll; fi")]
    [InlineData("CMD dotnet $(cat /app/name)")]
    [InlineData("CMD dotnet App.dll # comment")]
    [InlineData("CMD [\"--urls\", \"http://+:80\"]\nENTRYPOINT dotnet App.dll")]
    public async Task No_fix_is_offered_when_the_rewrite_might_run_something_else(string start)
    {
        var verifier = Verifier().File("/Dockerfile", Runtime + start + "\n");
        var diagnostic = Assert.Single(await verifier.DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_rewrites_every_dockerfile(FixAllScope scope)
    {
        await Verifier()
            .File("/api/Dockerfile", Runtime + "CMD dotnet Api.dll\n")
            .File("/worker/worker.Dockerfile", Runtime + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"dotnet Worker.dll\"]\n")
            .File("/docs/Dockerfile", Runtime + "CMD [\"dotnet\", \"Docs.dll\"]\n")
            .FixAllAsync(
                scope,
                ("/api/Dockerfile", Runtime + "CMD [\"dotnet\", \"Api.dll\"]\n"),
                ("/worker/worker.Dockerfile", Runtime + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec dotnet Worker.dll\"]\n"),
                ("/docs/Dockerfile", Runtime + "CMD [\"dotnet\", \"Docs.dll\"]\n"));
    }

    [Fact]
    public async Task Roslyns_batch_fixer_drops_diagnostics_in_additional_documents()
    {
        var verifier = Verifier().File("/Dockerfile", Runtime + "CMD dotnet App.dll\n");
        var diagnostics = await verifier.DiagnosticsAsync();
        Assert.Single(diagnostics);

        var project = new AdhocWorkspace().CurrentSolution.AddProject("p", "p", LanguageNames.CSharp).AddDocument("a.cs", "class A { }").Project;
        var context = new FixAllContext(project, new ShellStartCodeFix(), FixAllScope.Project, nameof(ShellStartCodeFix), new[] { "SG3001" }, new Fixed(diagnostics), CancellationToken.None);
        var action = await WellKnownFixAllProviders.BatchFixer.GetFixAsync(context);

        Assert.Null(action);
    }

    private sealed class Fixed(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
