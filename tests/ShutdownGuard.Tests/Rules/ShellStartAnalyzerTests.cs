using Microsoft.CodeAnalysis;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.Container.ShellStartAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ShellStartAnalyzerTests
{
    private const string Runtime = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n";

    /// <summary>Expects the finding at the instruction marked <c>#0</c>.</summary>
    private static Task ExpectAsync(string dockerfile, string path = "/Dockerfile") =>
        new Verifier()
            .Source(Verifier.WebApp)
            .File(path, dockerfile)
            .Expect(Expect.Diagnostic("SG3001", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();

    private static Task SilentAsync(string dockerfile) =>
        new Verifier().Source(Verifier.WebApp).File("/Dockerfile", dockerfile).RunAsync();

    [Theory]
    [InlineData("{|#0:ENTRYPOINT dotnet App.dll|}")]
    [InlineData("{|#0:CMD dotnet App.dll --urls http://+:8080|}")]
    [InlineData("{|#0:CMD [\"sh\", \"-c\", \"dotnet App.dll\"]|}")]
    [InlineData("{|#0:ENTRYPOINT [\"/bin/bash\", \"-c\", \"cd /app && dotnet App.dll\"]|}")]
    [InlineData("{|#0:ENTRYPOINT [\"/bin/sh\", \"-ec\", \"dotnet App.dll\"]|}")]
    [InlineData("{|#0:CMD [\"dotnet App.dll\"]|}\nENTRYPOINT [\"sh\", \"-c\"]")]
    public async Task SG3001_stands_at_the_instruction_that_runs_the_shell(string start)
    {
        await ExpectAsync(Runtime + start + "\n");
    }

    [Fact]
    public async Task SG3001_sees_the_shell_form_cmd_behind_an_init()
    {
        await ExpectAsync(Runtime + "ENTRYPOINT [\"/usr/bin/tini\", \"-g\", \"--\"]\n{|#0:CMD dotnet App.dll|}\n");
        await ExpectAsync(Runtime + "ENTRYPOINT [\"dumb-init\"]\n{|#0:CMD [\"sh\", \"-c\", \"dotnet App.dll\"]|}\n");
    }

    [Fact]
    public async Task SG3001_under_bash_reports_a_list_of_commands()
    {
        await ExpectAsync(Runtime + "SHELL [\"/bin/bash\", \"-c\"]\n{|#0:CMD cd /app && dotnet App.dll|}\n");
    }

    [Fact]
    public async Task SG3001_follows_the_final_stage_through_stage_names_and_reports_once_in_any_dockerfile_name()
    {
        const string Text = "FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS base\n{|#0:CMD dotnet App.dll|}\n\nFROM base AS final\nEXPOSE 8080\n";
        await ExpectAsync(Text, "/deploy/api.Dockerfile");
        await ExpectAsync(Runtime + "CMD dotnet A.dll\n{|#0:CMD dotnet App.dll|}\n", "/Containerfile");
        await ExpectAsync(Runtime + "{|#0:CMD dotnet App.dll|}\n", "/dockerfile.Prod");
    }

    [Theory]
    [InlineData("ENTRYPOINT [\"dotnet\", \"App.dll\"]")]
    [InlineData("CMD [\"./App\"]")]
    [InlineData("CMD [\"sh\", \"-c\", \"exec dotnet App.dll\"]")]
    [InlineData("ENTRYPOINT [\"/bin/sh\", \"-c\", \"cd /app && exec dotnet App.dll --urls $URLS\"]")]
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]\nCMD dotnet App.dll --urls $URLS")]
    [InlineData("ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"dotnet\", \"App.dll\"]")]
    [InlineData("ENTRYPOINT [\"tini\", \"--\", \"dotnet\", \"App.dll\"]")]
    [InlineData("ENTRYPOINT [\"dumb-init\", \"--rewrite\", \"15:2\", \"./App\"]")]
    [InlineData("ENTRYPOINT [\"dotnet\", \"App.dll\"]\nCMD --urls http://+:8080")]
    [InlineData("ENTRYPOINT exec dotnet App.dll")]
    [InlineData("CMD [\"/app/start.sh\"]")]
    [InlineData("CMD [\"sh\", \"/app/start.sh\"]")]
    [InlineData("ENTRYPOINT [\"/bin/zsh\", \"-c\", \"dotnet App.dll\"]")]
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]\nCMD dotnet App.dll $(cat /args) | tee log")]
    [InlineData("EXPOSE 8080")]
    public async Task Starts_that_reach_the_app_or_cannot_be_told_are_silent(string start)
    {
        await SilentAsync(Runtime + start + "\n");
    }

    [Fact]
    public async Task A_non_final_stage_with_a_shell_form_cmd_is_silent()
    {
        await SilentAsync("FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nCMD dotnet build\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n");
    }

    [Fact]
    public async Task Files_that_are_not_dockerfiles_are_not_read()
    {
        await new Verifier()
            .Source(Verifier.WebApp)
            .File("/Dockerfile.dockerignore", Runtime + "CMD dotnet App.dll\n")
            .File("/notes.txt", Runtime + "CMD dotnet App.dll\n")
            .RunAsync();
    }

    [Fact]
    public async Task Projects_without_hosting_are_not_analysed()
    {
        await new Verifier()
            .References(References.Plain)
            .Library()
            .Source("public class Library { }")
            .File("/Dockerfile", Runtime + "CMD dotnet App.dll\n")
            .RunAsync();
    }
}
