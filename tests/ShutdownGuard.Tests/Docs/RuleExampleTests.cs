using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of a rule page compiles as the <c>Program.cs</c> of an ASP.NET Core 8 web app:
/// top-level statements with the Web SDK's implicit usings. A block whose first line is <c>// fragment</c> is
/// part of a program and is not compiled; keep those rare.
/// </summary>
public partial class RuleExampleTests
{
    public const string FragmentMarker = "// fragment";

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in Pages())
        {
            for (var index = 0; index < CSharpBlocks(page).Count; index++)
            {
                data.Add(page, index);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task CSharp_example_compiles_as_a_web_app(string page, int index)
    {
        var code = CSharpBlocks(page)[index];
        if (code.StartsWith(FragmentMarker, StringComparison.Ordinal))
        {
            return;
        }

        var compilation = CSharpCompilation.Create(
            "Example",
            [CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, path: "GlobalUsings.cs"), CSharpSyntaxTree.ParseText(code, path: "Program.cs")],
            await References.AspNetCore80.AllAsync(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());

        Assert.True(!errors.Any(), $"Example {index + 1} of {page} does not compile:\n{string.Join("\n", errors)}\n\n{code}");
    }

    [Fact]
    public void Examples_are_found()
    {
        Assert.Contains(Examples(), example => (string)example[0] == "SG1003.md");
    }

    private static IEnumerable<string> Pages() => Directory.GetFiles(RepositoryFiles.PathOf("docs/rules"), "*.md")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)!;

    private static IReadOnlyList<string> CSharpBlocks(string page) => CSharpBlock().Matches(RepositoryFiles.Read("docs/rules/" + page))
        .Select(match => match.Groups["code"].Value)
        .ToList();

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
