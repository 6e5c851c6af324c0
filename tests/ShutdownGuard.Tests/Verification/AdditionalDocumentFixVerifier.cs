using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Tests.Verification;

/// <summary>
/// Tries a code fix on diagnostics that stand in additional documents (manifests, Dockerfiles), which the standard
/// test library never offers to a fix: builds the project in an <see cref="AdhocWorkspace"/>, runs the analyzer,
/// asks the provider for its actions, applies them (one by one, or through its Fix All provider) and checks the texts
/// and that the analyzer is silent afterwards.
/// </summary>
internal sealed class AdditionalDocumentFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private readonly List<(string Path, string Text)> _sources = new();
    private readonly List<(string Path, string Text)> _files = new();
    private readonly string _diagnosticId;
    private string _globalConfig = "is_global = true\n" + AnalyzerVerifier<TAnalyzer>.ProjectProperties;
    private Action<string, string> _validate = (_, _) => { };

    public AdditionalDocumentFixVerifier(string diagnosticId)
    {
        _diagnosticId = diagnosticId;
    }

    public AdditionalDocumentFixVerifier<TAnalyzer, TCodeFix> Source(string code)
    {
        _sources.Add(("/Source" + _sources.Count + ".cs", code));
        return this;
    }

    public AdditionalDocumentFixVerifier<TAnalyzer, TCodeFix> File(string path, string text)
    {
        _files.Add((path, text));
        return this;
    }

    /// <summary>Replaces the global options; write one <c>key = value</c> per line.</summary>
    public AdditionalDocumentFixVerifier<TAnalyzer, TCodeFix> GlobalConfig(string lines)
    {
        _globalConfig = "is_global = true\n" + lines;
        return this;
    }

    /// <summary>A check of every fixed text, e.g. that it parses again.</summary>
    public AdditionalDocumentFixVerifier<TAnalyzer, TCodeFix> Validate(Action<string, string> validate)
    {
        _validate = validate;
        return this;
    }

    /// <summary>The analyzer's diagnostics with the verifier's ID, in additional documents, sorted by path and position.</summary>
    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync() => await DiagnosticsAsync(await CreateProjectAsync());

    /// <summary>Applies the first action offered for each diagnostic, one at a time, re-analysing in between, and
    /// checks the result.</summary>
    public async Task FixEachAsync(params (string Path, string Text)[] expected)
    {
        var project = await CreateProjectAsync();
        var provider = new TCodeFix();
        for (var round = 0; round < 100; round++)
        {
            var diagnostics = await DiagnosticsAsync(project);
            Solution? fixedSolution = null;
            foreach (var diagnostic in diagnostics)
            {
                var actions = await ActionsAsync(provider, project, diagnostic);
                if (actions.Count > 0)
                {
                    fixedSolution = await ApplyAsync(actions[0]);
                    break;
                }
            }

            if (fixedSolution is null)
            {
                break;
            }

            project = fixedSolution.GetProject(project.Id)!;
        }

        await CheckAsync(project, expected);
    }

    /// <summary>Applies the provider's Fix All in <paramref name="scope"/>, triggered from the first fixable diagnostic,
    /// and checks the result.</summary>
    public async Task FixAllAsync(FixAllScope scope, params (string Path, string Text)[] expected)
    {
        var project = await CreateProjectAsync();
        var provider = new TCodeFix();
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());

        string? equivalenceKey = null;
        foreach (var diagnostic in await DiagnosticsAsync(project))
        {
            equivalenceKey ??= (await ActionsAsync(provider, project, diagnostic)).FirstOrDefault()?.EquivalenceKey;
        }

        Assert.NotNull(equivalenceKey);
        var context = new FixAllContext(project, provider, scope, equivalenceKey, new[] { _diagnosticId }, new AnalyzerDiagnostics(this), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        await CheckAsync((await ApplyAsync(action)).GetProject(project.Id)!, expected);
    }

    private async Task CheckAsync(Project project, (string Path, string Text)[] expected)
    {
        foreach (var (path, text) in expected)
        {
            var document = Assert.Single(project.AdditionalDocuments, document => document.FilePath == path);
            var actual = (await document.GetTextAsync()).ToString();
            Assert.Equal(text, actual);
            _validate(path, actual);
        }

        Assert.Empty(await DiagnosticsAsync(project));
    }

    private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider provider, Project project, Diagnostic diagnostic)
    {
        var document = Assert.Single(project.AdditionalDocuments, document => document.FilePath == diagnostic.Location.GetLineSpan().Path);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    private async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Where(diagnostic => diagnostic.Id == _diagnosticId && diagnostic.Location.Kind == LocationKind.ExternalFile)
            .OrderBy(diagnostic => diagnostic.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private Task<Project> CreateProjectAsync() => WorkspaceProject.CreateAsync(
        _sources.Select(source => (source.Path, SourceText.From(source.Text))),
        _files.Select(file => (file.Path, SourceText.From(file.Text))),
        _globalConfig);

    /// <summary>What a host hands to Fix All: the analyzer's diagnostics of a project.</summary>
    private sealed class AnalyzerDiagnostics(AdditionalDocumentFixVerifier<TAnalyzer, TCodeFix> verifier) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await verifier.DiagnosticsAsync(project);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
