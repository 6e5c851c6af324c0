using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// A <see cref="LargeProject"/> as the compiler sees it: parsed sources, the framework references of this process,
/// the additional files, and the global options the build hands to analyzers.
/// </summary>
internal sealed class ProjectCompilation
{
    public const string Root = "/src/LargeApp/";

    private static int _texts;

    public ProjectCompilation(LargeProject project)
    {
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = project.Sources().Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, Root + source.Path));
        Compilation = CSharpCompilation.Create(
            LargeProject.Name,
            trees,
            References(project.WebHost),
            new CSharpCompilationOptions(project.WebHost ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        AdditionalFiles = project.AdditionalFiles().Select(file => (Root + file.Path, file.Text)).ToImmutableArray();

        var errors = Compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generated project does not compile: " + errors[0]);
        }
    }

    /// <summary>The compilation, already bound once; analyse a <see cref="Compilation.Clone"/> to start cold.</summary>
    public CSharpCompilation Compilation { get; }

    public ImmutableArray<(string Path, string Text)> AdditionalFiles { get; }

    /// <summary>Fresh texts, by default of content this process has not seen (a comment numbers them): their manifest and
    /// Dockerfile models are in no cache yet, as in a first build or when a file was just edited.</summary>
    /// <param name="unseen">False: new text objects with the content of the last ones, as each build of an unchanged
    /// project hands the compiler server.</param>
    public ImmutableArray<AdditionalText> NewAdditionalTexts(bool unseen = true)
    {
        var texts = unseen ? Interlocked.Increment(ref _texts) : Volatile.Read(ref _texts);
        return AdditionalFiles
            .Select(file => (AdditionalText)new Tests.Verification.Manifests.InMemoryFile(file.Path, file.Text + $"\n# texts {texts}\n"))
            .ToImmutableArray();
    }

    public static AnalyzerOptions Options(ImmutableArray<AdditionalText> additionalFiles) => new(
        additionalFiles,
        new GlobalOptionsProvider(new DictionaryOptions(
            ("build_property.MSBuildProjectName", LargeProject.Name),
            ("build_property.ProjectDir", Root))));

    /// <summary>The analyzers' diagnostics and the compiler's, as a build computes them.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options) =>
        (await AnalyzeTimedAsync(compilation, analyzers, options, logExecutionTime: false).ConfigureAwait(false)).Diagnostics;

    /// <summary>The diagnostics, or with <paramref name="logExecutionTime"/> the analyzers' diagnostics and the time spent in
    /// their callbacks, as <c>-p:ReportAnalyzer=true</c> reports it in a build.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, TimeSpan AnalyzerTime)> AnalyzeTimedAsync(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, bool logExecutionTime)
    {
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: logExecutionTime));
        if (!logExecutionTime)
        {
            return (await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false), TimeSpan.Zero);
        }

        // The analyzers' diagnostics only: asking for the compiler's too would bind the code a second time.
        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
        var time = TimeSpan.Zero;
        foreach (var telemetry in result.AnalyzerTelemetryInfo.Values)
        {
            time += telemetry.ExecutionTime;
        }

        var diagnostics = result.GetAllDiagnostics();
        return (diagnostics, time);
    }

    /// <summary>Throws unless the analysis found exactly the expected diagnostics: a broken analyzer must not look fast.</summary>
    public static void Expect(ImmutableArray<Diagnostic> diagnostics, IReadOnlyDictionary<string, int> expectedById)
    {
        var actual = diagnostics
            .Where(diagnostic => diagnostic.Id.StartsWith("SG", StringComparison.Ordinal) || diagnostic.Id == "AD0001")
            .GroupBy(diagnostic => diagnostic.Id)
            .ToDictionary(group => group.Key, group => group.Count());
        if (actual.Count != expectedById.Count || actual.Any(pair => !expectedById.TryGetValue(pair.Key, out var count) || count != pair.Value))
        {
            throw new InvalidOperationException(
                "Unexpected diagnostics: " + string.Join(", ", actual.OrderBy(pair => pair.Key).Select(pair => pair.Key + " x" + pair.Value))
                + "; expected " + string.Join(", ", expectedById.OrderBy(pair => pair.Key).Select(pair => pair.Key + " x" + pair.Value)));
        }
    }

    private static IEnumerable<MetadataReference> References(bool webHost)
    {
        var folders = new List<string> { Path.GetDirectoryName(typeof(object).Assembly.Location)! };
        if (webHost)
        {
            folders.Add(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!);
        }

        return folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.dll"))
            .Where(IsManagedAssembly)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
