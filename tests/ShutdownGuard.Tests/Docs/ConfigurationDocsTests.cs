using System.Reflection;
using System.Text.RegularExpressions;
using ShutdownGuard.Options;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Docs;

/// <summary>docs/configuration.md names every option the analyzer reads and every property the package's build files use.</summary>
public partial class ConfigurationDocsTests
{
    private static readonly string Page = RepositoryFiles.Read("docs/configuration.md");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in AnalyzerOptionNames().Concat(BuildPropertyNames()).Distinct())
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Option_is_documented(string name)
    {
        Assert.Contains($"`{name}`", Page);
    }

    [Fact]
    public void Every_mode_is_documented()
    {
        Assert.All(ShutdownGuardOptions.Modes, mode => Assert.Contains($"| `{mode}`", Page));
    }

    [Fact]
    public void Options_and_properties_are_found()
    {
        Assert.Contains("shutdown_guard.safety_margin_seconds", AnalyzerOptionNames());
        Assert.Contains("ShutdownGuardMode", AnalyzerOptionNames());
        Assert.Contains("ShutdownGuardManifests", BuildPropertyNames());
    }

    /// <summary>Both spellings of every option the analyzer reads.</summary>
    private static IEnumerable<string> AnalyzerOptionNames() => typeof(ShutdownGuardOptions)
        .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        .Where(field => field.FieldType == typeof(ShutdownGuardOptions.OptionKey))
        .Select(field => (ShutdownGuardOptions.OptionKey)field.GetValue(null)!)
        .SelectMany(key => key.ConfigKey is null ? [key.MSBuildProperty] : new[] { key.ConfigKey, key.MSBuildProperty });

    /// <summary>The ShutdownGuard properties the package's props make visible to the compiler and its targets read.</summary>
    private static IEnumerable<string> BuildPropertyNames() => BuildProperty()
        .Matches(RepositoryFiles.Read("build/ShutdownGuard.Analyzers.props") + RepositoryFiles.Read("build/ShutdownGuard.Analyzers.targets"))
        .Select(match => match.Groups["name"].Value);

    [GeneratedRegex(@"(?:CompilerVisibleProperty Include=""|\$\()(?<name>ShutdownGuard\w+)")]
    private static partial Regex BuildProperty();
}
