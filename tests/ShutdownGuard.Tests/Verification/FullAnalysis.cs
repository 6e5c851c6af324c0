using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShutdownGuard.Tests.Verification;

/// <summary>
/// Every exported analyzer over a compilation, as a build runs them (concurrent execution on), with every exception
/// an analyzer throws recorded: a user would see it as AD0001.
/// </summary>
internal sealed class FullAnalysis
{
    private FullAnalysis(ImmutableArray<Diagnostic> diagnostics, ImmutableArray<string> exceptions)
    {
        Diagnostics = diagnostics;
        Exceptions = exceptions;
    }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Analyzer exceptions, with the analyzer's name and the stack.</summary>
    public ImmutableArray<string> Exceptions { get; }

    public static async Task<FullAnalysis> RunAsync(Project project, CancellationToken cancellationToken = default) =>
        await RunAsync((await project.GetCompilationAsync(cancellationToken))!, project.AnalyzerOptions, concurrent: true, cancellationToken);

    /// <summary>An ASP.NET Core 8 executable named OrdersApi with one source file, <c>/Program.cs</c>, and the given
    /// additional files and global options.</summary>
    public static async Task<FullAnalysis> RunAsync(
        string program,
        IEnumerable<AdditionalText> additionalFiles,
        bool concurrent = true,
        CancellationToken cancellationToken = default,
        params (string Key, string Value)[] globalOptions)
    {
        var compilation = CSharpCompilation.Create(
            "OrdersApi",
            new[] { CSharpSyntaxTree.ParseText(program, path: "/Program.cs") },
            await References.AspNetCore80.AllAsync(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var options = new AnalyzerOptions(
            additionalFiles.ToImmutableArray(),
            new GlobalOptionsProvider(new DictionaryOptions(globalOptions.Concat(new[] { ("build_property.MSBuildProjectName", "OrdersApi"), ("build_property.ProjectDir", "/") }).ToArray())));
        return await RunAsync(compilation, options, concurrent, cancellationToken);
    }

    public static async Task<FullAnalysis> RunAsync(Compilation compilation, AnalyzerOptions options, bool concurrent, CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            ExportedComponents.Analyzers(),
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        return new FullAnalysis(diagnostics, exceptions.ToImmutableArray());
    }

    /// <summary>No analyzer threw, and no AD0001 says one did.</summary>
    public FullAnalysis AssertNoException()
    {
        Assert.Empty(Exceptions);
        Assert.DoesNotContain(Diagnostics, diagnostic => diagnostic.Id == "AD0001");
        return this;
    }

    /// <summary>The diagnostics of one rule, as <c>path:line</c> (1-based).</summary>
    public IEnumerable<string> Lines(string id) => Diagnostics
        .Where(diagnostic => diagnostic.Id == id)
        .Select(diagnostic => diagnostic.Location.GetLineSpan())
        .Select(span => span.Path + ":" + (span.StartLinePosition.Line + 1));

    /// <summary>Every diagnostic in the order a build prints them (by file and position, keeping the reported order
    /// at one position), with everything a user or a fix sees of it.</summary>
    public ImmutableArray<string> Described() => Diagnostics
        .OrderBy(diagnostic => diagnostic.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start)
        .Select(diagnostic => string.Join(
            " | ",
            diagnostic.Id,
            diagnostic.Location.GetLineSpan().ToString(),
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            string.Join(";", diagnostic.AdditionalLocations.Select(location => location.GetLineSpan().ToString())),
            string.Join(";", diagnostic.Properties.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value))))
        .ToImmutableArray();
}
