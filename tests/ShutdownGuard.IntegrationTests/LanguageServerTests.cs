using System.Text.Json.Nodes;

namespace ShutdownGuard.IntegrationTests;

/// <summary>
/// ShutdownGuard in an LSP editor: csharp-ls, a Roslyn language server, loads a consumer of the packed package and
/// reports our diagnostics while the user edits. csharp-ls computes a document's diagnostics over the whole
/// compilation, so compilation-end rules such as SG1003 show in Program.cs, and workspace diagnostics carry those
/// located in the manifests and the Dockerfile.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class LanguageServerTests(PackageFixture package)
{
    private const string LanguageServerVersion = "0.28.0";

    /// <summary>Loading the project (restore is done, design-time build and analyzers remain) and each analysis.</summary>
    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task SG1003_shows_at_the_ShutdownTimeout_expression_and_goes_away_after_an_edit_that_fits_the_budget()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("k8s/deployment.yaml", Manifests.GracePeriodTooShort);
        consumer.WriteFile("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENTRYPOINT dotnet Orders.Api.dll\n");
        // Restores the package, so that the server loads the project as an editor finds it.
        var build = await consumer.BuildAsync();
        Assert.Contains(build.ShutdownGuardDiagnostics, d => d.Id == "SG1003");

        await using var server = await StartServerAsync(consumer);
        var program = consumer.ReadFile("Program.cs");
        var programUri = new Uri(consumer.PathOf("Program.cs")).AbsoluteUri;
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = programUri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = program },
        });

        var shown = await PollAsync(server, () => DocumentDiagnosticsAsync(server, programUri), items => items.Any(d => d.Code == "SG1003"));

        var diagnostic = Assert.Single(shown, d => d.Code.StartsWith("SG", StringComparison.Ordinal));
        Assert.Equal(RangeOf(program, "TimeSpan.FromSeconds(50)"), diagnostic.Range);
        Assert.StartsWith("ShutdownTimeout 50 s (Configure<HostOptions> (Program.cs:2))", diagnostic.Message);

        var workspace = await PollAsync(server, () => WorkspaceDiagnosticsAsync(server), items => items.Any(d => d.Code == "SG3001"));
        Assert.Contains(workspace, d => d.Code == "SG3001" && d.Uri == new Uri(consumer.PathOf("Dockerfile")).AbsoluteUri && d.Range.StartLine == 1);

        // 45 s + preStop 5 s + margin 5 s = grace period 55 s: the budget fits.
        await server.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = programUri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = program.Replace("TimeSpan.FromSeconds(50)", "TimeSpan.FromSeconds(45)") }),
        });

        await PollAsync(server, () => DocumentDiagnosticsAsync(server, programUri), items => !items.Any(d => d.Code.StartsWith("SG", StringComparison.Ordinal)));
    }

    private async Task<LanguageServerClient> StartServerAsync(ConsumerProject consumer)
    {
        var toolPath = Path.Combine(package.ConsumersDirectory, "csharp-ls-" + LanguageServerVersion);
        if (!File.Exists(Path.Combine(toolPath, "csharp-ls")))
        {
            var install = await DotNet.RunAsync(
                package.ConsumersDirectory, ["tool", "install", "csharp-ls", "--version", LanguageServerVersion, "--tool-path", toolPath]);
            Assert.True(install.ExitCode == 0, install.Output);
        }

        var server = LanguageServerClient.Start(
            DotNet.StartInfo(Path.Combine(toolPath, "csharp-ls"), consumer.Directory, ["--loglevel", "info"], consumer.Environment),
            new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } });
        var rootUri = new Uri(consumer.Directory).AbsoluteUri;
        using var timeout = new CancellationTokenSource(DiagnosticsTimeout);
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = rootUri,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "app" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["publishDiagnostics"] = new JsonObject(),
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true },
                },
            },
        }, timeout.Token);
        await server.NotifyAsync("initialized", new JsonObject());
        return server;
    }

    /// <summary>Pulls until the diagnostics satisfy the condition; the server answers with what it has so far while it loads.</summary>
    private static async Task<IReadOnlyList<LspDiagnostic>> PollAsync(
        LanguageServerClient server, Func<Task<IReadOnlyList<LspDiagnostic>>> pull, Func<IReadOnlyList<LspDiagnostic>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(DiagnosticsTimeout);
        IReadOnlyList<LspDiagnostic> last = [];
        try
        {
            while (true)
            {
                last = await pull().WaitAsync(timeout.Token);
                if (condition(last))
                {
                    return last;
                }

                await Task.Delay(PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported below, with what the server said.
        }

        Assert.Fail($"Diagnostics did not arrive within {DiagnosticsTimeout}; last: {string.Join("; ", last)}\nServer log:\n{server.Log}");
        return last;
    }

    private static async Task<IReadOnlyList<LspDiagnostic>> DocumentDiagnosticsAsync(LanguageServerClient server, string uri)
    {
        var report = await server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, CancellationToken.None);
        return LspDiagnostic.ListFrom(uri, report?["items"]);
    }

    private static async Task<IReadOnlyList<LspDiagnostic>> WorkspaceDiagnosticsAsync(LanguageServerClient server)
    {
        var report = await server.RequestAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() }, CancellationToken.None);
        return report?["items"]?.AsArray()
            .SelectMany(document => LspDiagnostic.ListFrom(document!["uri"]!.GetValue<string>(), document["items"]))
            .ToList() ?? [];
    }

    /// <summary>The zero-based LSP range of the one occurrence of a text.</summary>
    private static LspRange RangeOf(string text, string part)
    {
        var start = text.IndexOf(part, StringComparison.Ordinal);
        Assert.Equal(start, text.LastIndexOf(part, StringComparison.Ordinal));
        var line = text[..start].Count(c => c == '\n');
        var character = start - (text.LastIndexOf('\n', start) + 1);
        return new LspRange(line, character, line, character + part.Length);
    }
}

public sealed record LspRange(int StartLine, int StartCharacter, int EndLine, int EndCharacter);

public sealed record LspDiagnostic(string Uri, string Code, LspRange Range, string Message)
{
    public static IReadOnlyList<LspDiagnostic> ListFrom(string uri, JsonNode? items) => items?.AsArray()
        .Select(item => new LspDiagnostic(
            uri,
            item!["code"]?.ToString() ?? "",
            new LspRange(
                item["range"]!["start"]!["line"]!.GetValue<int>(),
                item["range"]!["start"]!["character"]!.GetValue<int>(),
                item["range"]!["end"]!["line"]!.GetValue<int>(),
                item["range"]!["end"]!["character"]!.GetValue<int>()),
            item["message"]?.GetValue<string>() ?? ""))
        .ToList() ?? [];
}
