namespace ShutdownGuard.IntegrationTests.Rendering;

/// <summary>
/// The helm and kubectl the rendering tests run: in SHUTDOWNGUARD_RENDER_TOOLS, else in the repository's .tools folder,
/// where .ci/install-render-tools puts them.
/// </summary>
public static class RenderTools
{
    public static string Directory { get; } = System.Environment.GetEnvironmentVariable("SHUTDOWNGUARD_RENDER_TOOLS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Repository.Root, ".tools");

    /// <summary>In CI the tests must run: a missing tool fails them instead of skipping them.</summary>
    public static bool Required { get; } =
        System.Environment.GetEnvironmentVariable("CI") == "true" || System.Environment.GetEnvironmentVariable("SHUTDOWNGUARD_REQUIRE_RENDER_TOOLS") == "1";

    public static string Helm => Find("helm");

    public static string Kubectl => Find("kubectl");

    public static string? MissingReason =>
        new[] { "helm", "kubectl" }.All(name => File.Exists(Path.Combine(Directory, name)))
            ? null
            : $"helm and kubectl are not in {Directory}: run .ci/install-render-tools, or set SHUTDOWNGUARD_RENDER_TOOLS to a folder holding both.";

    private static string Find(string name)
    {
        var path = Path.Combine(Directory, name);
        Assert.True(File.Exists(path), MissingReason);
        return path;
    }
}

/// <summary>A test that runs helm or kubectl: skipped, with the reason, where they are not installed, except in CI.</summary>
public sealed class RenderToolsFactAttribute : FactAttribute
{
    public RenderToolsFactAttribute()
    {
        if (!RenderTools.Required && RenderTools.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
