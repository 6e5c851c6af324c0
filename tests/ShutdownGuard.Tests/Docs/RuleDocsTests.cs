using System.Text;
using System.Text.RegularExpressions;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Docs;

/// <summary>The rule pages and the README's rule table say what the descriptors say.</summary>
public partial class RuleDocsTests
{
    private const string RulesFolder = "docs/rules";

    /// <summary>The sections every rule page has, in this order.</summary>
    private static readonly string[] Sections = ["## What it finds", "## Why it matters", "## How to fix", "## Options", "## Example"];

    public static TheoryData<string> Ids() => RuleCatalog.Ids();

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_to_the_rule_page_in_this_repository(string id)
    {
        var descriptor = RuleCatalog.Get(id);

        var relativePath = RepositoryPathOf(descriptor.HelpLinkUri);

        Assert.Equal($"{RulesFolder}/{id}.md", relativePath);
        Assert.True(File.Exists(RepositoryFiles.PathOf(relativePath)), $"{descriptor.HelpLinkUri} points to {relativePath}, which does not exist");
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_descriptor()
    {
        var pages = Directory.GetFiles(RepositoryFiles.PathOf(RulesFolder)).Select(Path.GetFileName);

        Assert.Empty(pages.Except(RuleCatalog.Descriptors.Select(d => d.Id + ".md")));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_page_states_title_and_severity_and_has_every_section(string id)
    {
        var descriptor = RuleCatalog.Get(id);
        var lines = RepositoryFiles.Read($"{RulesFolder}/{id}.md").Split('\n');

        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", lines);
        var sectionLines = Sections.Select(section => Array.IndexOf(lines, section)).ToList();
        Assert.All(Sections.Zip(sectionLines), section => Assert.True(section.Second > 0, $"{id}.md has no '{section.First}'"));
        Assert.Equal(sectionLines.Order(), sectionLines);
    }

    [Fact]
    public void README_rule_table_lists_every_descriptor()
    {
        var readme = RepositoryFiles.Read("README.md");

        var table = RuleTable().Match(readme);

        Assert.True(table.Success, "README.md has no '## Rules' section with a table");
        Assert.True(ExpectedRuleTable() == table.Groups["table"].Value, "README.md's rule table should read:\n" + ExpectedRuleTable());
    }

    /// <summary>The README table, one row per descriptor: everything in it comes from the assemblies.</summary>
    private static string ExpectedRuleTable()
    {
        var table = new StringBuilder("| ID | Title | Severity | Located | Code fix |\n|---|---|---|---|---|\n");
        foreach (var descriptor in RuleCatalog.Descriptors)
        {
            var fix = RuleCatalog.FixableIds.Contains(descriptor.Id) ? "yes" : "—";
            table.Append($"| [{descriptor.Id}]({RulesFolder}/{descriptor.Id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} | {RuleCatalog.Located(descriptor.Id)} | {fix} |\n");
        }

        return table.ToString();
    }

    private static string RepositoryPathOf(string helpLinkUri)
    {
        const string RepositoryBlob = "https://github.com/shutdownguard/shutdownguard/blob/main/";
        Assert.StartsWith(RepositoryBlob, helpLinkUri);
        return helpLinkUri.Substring(RepositoryBlob.Length);
    }

    [GeneratedRegex(@"^## Rules\n\n(?<table>(?:\|[^\n]*\n)+)", RegexOptions.Multiline)]
    private static partial Regex RuleTable();
}
