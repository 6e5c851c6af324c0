using System.Text;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Container;

namespace ShutdownGuard.Tests.Container;

public class DockerfileReaderTests
{
    internal static Dockerfile Read(string text) => DockerfileReader.Read(SourceText.From(text), CancellationToken.None);

    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void Multi_stage_build_resolves_the_final_base_image_through_stage_names()
    {
        const string Text = """
            FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
            RUN dotnet publish -o /app
            FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled AS base
            EXPOSE 8080
            FROM BASE AS final
            COPY --from=build /app .
            ENTRYPOINT ["dotnet", "App.dll"]
            """;
        var file = Read(Text);

        Assert.Equal(new[] { "build", "base", "final" }, file.Stages.Select(stage => stage.Name));
        var final = file.FinalStage!;
        Assert.Same(file.Stages[1], final.Parent);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", final.BaseImage.Text);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", At(Text, final.BaseImage.Span));
        Assert.Equal(new[] { "dotnet", "App.dll" }, final.Entrypoint!.ExecArguments.Select(argument => argument.Value));
        Assert.Equal("\"App.dll\"", At(Text, final.Entrypoint.ExecArguments[1].Span));
    }

    [Fact]
    public void A_stage_inherits_entrypoint_cmd_and_shell_and_an_entrypoint_clears_the_inherited_cmd()
    {
        var file = Read("FROM alpine AS base\nSHELL [\"/bin/bash\", \"-c\"]\nCMD dotnet A.dll\nFROM base AS a\nFROM base AS b\nENTRYPOINT [\"tini\", \"--\"]\nFROM base AS c\nCMD [\"x\"]\nENTRYPOINT [\"tini\"]\n");

        var a = file.Stages[1];
        Assert.Equal("dotnet A.dll", a.Cmd!.Script);
        Assert.Equal(new[] { "/bin/bash", "-c" }, a.Shell);
        Assert.Equal("alpine", a.BaseImage.Text);
        var b = file.Stages[2];
        Assert.Null(b.Cmd);
        Assert.True(b.CmdCleared);
        var c = file.Stages[3];
        Assert.Equal("x", c.Cmd!.ExecArguments[0].Value);
        Assert.False(c.CmdCleared);
    }

    [Fact]
    public void Global_args_fill_the_image_and_unknown_ones_stay_as_written()
    {
        var file = Read("ARG TAG\nARG REGISTRY=mcr.microsoft.com VARIANT=\"noble-chiseled\"\nFROM --platform=$BUILDPLATFORM ${REGISTRY}/dotnet/aspnet:8.0-${VARIANT}\nFROM $REGISTRY/dotnet/aspnet:${TAG}\nFROM ${REGISTRY}/dotnet/aspnet:${MISSING:-8.0}\n");

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled", file.Stages[0].BaseImage.Text);
        Assert.False(file.Stages[0].BaseImage.HasUnknownParts);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:${TAG}", file.Stages[1].BaseImage.Text);
        Assert.True(file.Stages[1].BaseImage.HasUnknownParts);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:8.0", file.Stages[2].BaseImage.Text);
    }

    [Fact]
    public void The_escape_directive_changes_line_continuation()
    {
        const string Text = "# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet `\n  C:\\app\\App.dll\n";
        var file = Read(Text);

        Assert.Equal('`', file.Escape);
        var cmd = file.FinalStage!.Cmd!;
        Assert.Equal("dotnet   C:\\app\\App.dll", cmd.Script);
        Assert.Equal("CMD dotnet `\n  C:\\app\\App.dll", At(Text, cmd.Instruction.Span));
    }

    [Fact]
    public void Directives_count_only_at_the_top()
    {
        Assert.Equal('\\', Read("FROM alpine\n# escape=`\nCMD a `\nCMD b\n").Escape);
        Assert.Equal('\\', Read("# a comment\n# escape=`\nFROM alpine\n").Escape);
        Assert.Equal('`', Read("# SYNTAX = docker/dockerfile:1\n#escape=`\nFROM alpine\n").Escape);
    }

    [Fact]
    public void Continuations_skip_comment_and_blank_lines_and_spans_cover_every_line()
    {
        const string Text = "FROM alpine\nENTRYPOINT [\"dotnet\", \\\n# the app\n\n    \"App.dll\"]   \nEXPOSE 80\n";
        var file = Read(Text);

        var entrypoint = file.FinalStage!.Entrypoint!;
        Assert.Equal(new[] { "dotnet", "App.dll" }, entrypoint.ExecArguments.Select(argument => argument.Value));
        Assert.Equal("\"App.dll\"", At(Text, entrypoint.ExecArguments[1].Span));
        Assert.Equal("ENTRYPOINT [\"dotnet\", \\\n# the app\n\n    \"App.dll\"]   ", At(Text, entrypoint.Instruction.Span));
        Assert.Equal("EXPOSE", file.Instructions[2].Keyword);
    }

    [Theory]
    [InlineData("CMD [\"dotnet\", \"App.dll\"]", true)]
    [InlineData("CMD []", true)]
    [InlineData("CMD [ \"a\\u0041\\\"\" ]", true)]
    [InlineData("CMD ['dotnet', 'App.dll']", false)]
    [InlineData("CMD [\"dotnet\", \"App.dll\"", false)]
    [InlineData("CMD [\"dotnet\" \"App.dll\"]", false)]
    [InlineData("CMD [\"dotnet\", 1]", false)]
    [InlineData("CMD dotnet App.dll", false)]
    public void Exec_form_is_a_json_array_of_strings_and_anything_else_is_shell_form(string line, bool isExecForm)
    {
        var cmd = Read("FROM alpine\n" + line + "\n").FinalStage!.Cmd!;

        Assert.Equal(isExecForm, cmd.IsExecForm);
        if (!isExecForm)
        {
            Assert.Equal(line.Substring(4), cmd.Script);
        }
    }

    [Fact]
    public void Heredocs_are_skipped()
    {
        const string Text = """
            FROM alpine
            RUN <<EOF cat > /start.sh && <<-'END' cat > /other
            FROM scratch
            CMD echo not an instruction
            EOF
            	ENTRYPOINT ["nope"]
            	END
            CMD ["dotnet", "App.dll"]
            """;
        var file = Read(Text);

        var stage = Assert.Single(file.Stages);
        Assert.Null(stage.Entrypoint);
        Assert.Equal("dotnet", stage.Cmd!.ExecArguments[0].Value);
        Assert.Equal(new[] { "FROM", "RUN", "CMD" }, file.Instructions.Select(instruction => instruction.Keyword));
    }

    [Fact]
    public void Crlf_and_bom_keep_exact_spans()
    {
        const string Text = "\uFEFF# escape=`\r\nFROM alpine\r\nCMD dotnet `\r\n  App.dll\r\nEXPOSE 80\r\n";
        var file = DockerfileReader.Read(SourceText.From(Encoding.UTF8.GetBytes(Text), Encoding.UTF8.GetByteCount(Text), Encoding.UTF8), CancellationToken.None);
        var fromString = Read(Text);

        Assert.Equal('`', file.Escape);
        Assert.Equal('`', fromString.Escape);
        var cmd = fromString.FinalStage!.Cmd!;
        Assert.Equal("dotnet   App.dll", cmd.Script);
        Assert.Equal("CMD dotnet `\r\n  App.dll", At(Text, cmd.Instruction.Span));
        Assert.Equal("dotnet `\r\n  App.dll", At(Text, cmd.Instruction.ArgumentsSpan));
    }

    [Fact]
    public void A_file_of_5000_lines_is_read_whole()
    {
        var builder = new StringBuilder("FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\n");
        for (var i = 0; i < 1_000; i++)
        {
            builder.Append("RUN echo ").Append(i).Append(" \\\n  && true \\\n  # comment\n  && false\nCOPY <<EOF /x\nbody\nEOF\n");
        }

        builder.Append("FROM build AS final\nCMD dotnet App.dll\n");
        var text = builder.ToString();
        Assert.True(text.Split('\n').Length >= 5_000);

        var file = Read(text);

        Assert.Equal(2, file.Stages.Length);
        Assert.Equal(2_003, file.Instructions.Length);
        Assert.Equal("dotnet App.dll", file.FinalStage!.Cmd!.Script);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\\")]
    [InlineData("FROM")]
    [InlineData("FROM \\")]
    [InlineData("FROM a AS")]
    [InlineData("CMD [\"x\"]\nENTRYPOINT sh")]
    [InlineData("FROM ${\nCMD [\"\\u12\"]")]
    [InlineData("FROM a\nSHELL []\nCMD x\nRUN <<\nRUN <<EOF")]
    [InlineData("\u0001\u0002PK\u0003\u0004\uFFFD{[\"\\\r\r\n\\")]
    public void Garbage_never_throws(string text)
    {
        var finding = ShellStart.Find(Read(text));

        Assert.True(finding?.Fix is not { } fix || fix.Span.End <= text.Length);
    }
}
