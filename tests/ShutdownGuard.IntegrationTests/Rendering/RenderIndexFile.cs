using System.Text.Json;

namespace ShutdownGuard.IntegrationTests.Rendering;

/// <summary>One entry of shutdownguard.renders.json.</summary>
public sealed record RenderEntry(
    string Kind,
    string Name,
    string Source,
    string Status,
    string Tool,
    string? Error,
    IReadOnlyList<string> ValueFiles,
    IReadOnlyList<string> Set,
    IReadOnlyList<string> Inputs,
    string? Output);

/// <summary>The render index a consumer build wrote, read back with its properties in the documented order.</summary>
public sealed record RenderIndexFile(int Version, string Project, IReadOnlyList<RenderEntry> Renders)
{
    public const string RelativePath = "obj/Debug/net10.0/shutdownguard/shutdownguard.renders.json";

    private static readonly string[] EntryProperties = ["kind", "name", "source", "status", "tool", "error", "valueFiles", "set", "inputs", "output"];

    public static RenderIndexFile Read(ConsumerProject consumer)
    {
        var text = consumer.ReadFile(RelativePath);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(["version", "project", "renders"], root.EnumerateObject().Select(p => p.Name));
        var renders = root.GetProperty("renders").EnumerateArray().Select(entry =>
        {
            Assert.Equal(EntryProperties, entry.EnumerateObject().Select(p => p.Name));
            return new RenderEntry(
                entry.GetProperty("kind").GetString()!,
                entry.GetProperty("name").GetString()!,
                entry.GetProperty("source").GetString()!,
                entry.GetProperty("status").GetString()!,
                entry.GetProperty("tool").GetString()!,
                entry.GetProperty("error").GetString(),
                Strings(entry.GetProperty("valueFiles")),
                Strings(entry.GetProperty("set")),
                Strings(entry.GetProperty("inputs")),
                entry.GetProperty("output").GetString());
        }).ToList();
        return new RenderIndexFile(root.GetProperty("version").GetInt32(), root.GetProperty("project").GetString()!, renders);
    }

    public RenderEntry Single(string source) => Assert.Single(Renders, r => r.Source == source);

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
