using System.Text.RegularExpressions;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Docs;

/// <summary>docs/editors.md says which rules show while typing: those without the CompilationEnd tag.</summary>
public partial class EditorsDocsTests
{
    [Fact]
    public void Every_rule_is_listed_as_live_or_whole_program_as_its_descriptor_says()
    {
        var listed = ReportsRow().Matches(RepositoryFiles.Read("docs/editors.md"))
            .Select(row => (row.Groups["id"].Value, row.Groups["reports"].Value))
            .ToList();

        var expected = RuleCatalog.Descriptors.Select(d => (d.Id, RuleCatalog.NeedsWholeProgram(d) ? "whole program" : "live"));
        Assert.Equal(expected, listed);
    }

    [GeneratedRegex(@"^\| \[(?<id>SG\d{4})\]\(rules/\k<id>\.md\) \| (?<reports>[^|]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex ReportsRow();
}
