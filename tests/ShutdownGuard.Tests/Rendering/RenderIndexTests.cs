using System.Diagnostics;
using System.Text.Json;
using ShutdownGuard.Build;

namespace ShutdownGuard.Tests.Rendering;

public sealed class RenderIndexTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" and backslash \\ and slash /")]
    [InlineData("line\nbreak\r\ttab \u0001 bell \u001f")]
    [InlineData("nicht ASCII: größer, 日本")]
    public void Strings_read_back_as_written(string value)
    {
        Assert.Equal(value, JsonSerializer.Deserialize<string>(RenderIndex.Quote(value)));
    }

    [Fact]
    public void Missing_value_is_null()
    {
        Assert.Equal("null", RenderIndex.Quote(null));
    }

    [Fact]
    public void Index_without_renders_has_an_empty_array()
    {
        Assert.Equal("{\n  \"version\": 1,\n  \"project\": \"App.csproj\",\n  \"renders\": []\n}\n", RenderIndex.Write("App.csproj", [], path => path));
    }

    [Fact]
    public void Arguments_reach_the_program_as_they_were_given()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string[] arguments = ["[%s]\n", "plain", "two words", "quote\"inside", "trailing\\", "back\\\"slash", "", "image.tag=a b;c"];
        var startInfo = new ProcessStartInfo("printf", CommandLine.Join(arguments)) { RedirectStandardOutput = true };
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(arguments[1..].Select(argument => $"[{argument}]"), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("https://github.com/org/repo//deploy?ref=v1", true)]
    [InlineData("github.com/org/repo/deploy", true)]
    [InlineData("git@github.com:org/repo.git", true)]
    [InlineData("../base?ref=main", true)]
    [InlineData("../base", false)]
    [InlineData("deployment.yaml", false)]
    public void Remote_entries_are_recognised(string entry, bool remote)
    {
        Assert.Equal(remote, Kustomization.IsRemote(entry));
    }
}
