using System.Text.RegularExpressions;
using ShutdownGuard.Options;
using ShutdownGuard.Tests.Docs;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Options;

/// <summary>The global config files behind <c>ShutdownGuardMode</c> set every rule, so a new rule cannot be left out.</summary>
public partial class ModeConfigTests
{
    [Theory]
    [InlineData("strict", "error")]
    [InlineData("none", "none")]
    public void Mode_file_sets_every_rule_and_nothing_else(string mode, string severity)
    {
        var text = RepositoryFiles.Read($"build/config/{mode}.globalconfig");

        var settings = SeveritySetting().Matches(text).Select(m => (m.Groups["id"].Value, m.Groups["severity"].Value)).ToList();

        var expected = RuleCatalog.Descriptors.Select(d => (d.Id, severity)).ToList();
        Assert.Contains("is_global = true", text.Split('\n'));
        Assert.True(
            expected.SequenceEqual(settings),
            $"build/config/{mode}.globalconfig should set, in this order:\n" + string.Concat(expected.Select(e => $"dotnet_diagnostic.{e.Id}.severity = {e.severity}\n")));
    }

    [Fact]
    public void Every_mode_but_the_default_has_a_file_and_no_other_file_exists()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("build/config"), "*.globalconfig").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(ShutdownGuardOptions.Modes.Remove("default").Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^dotnet_diagnostic\.(?<id>\w+)\.severity = (?<severity>\w+)$", RegexOptions.Multiline)]
    private static partial Regex SeveritySetting();
}
