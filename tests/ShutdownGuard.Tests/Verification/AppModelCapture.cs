using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Tests.Verification;

/// <summary>Compiles C# sources as an executable and returns the app model the collector builds from them.</summary>
internal static class AppModelCapture
{
    /// <param name="allowErrors">False asserts the sources compile, so a typo in a test cannot pass unnoticed.</param>
    public static async Task<AppModel> CollectAsync(string source, References? references = null, bool allowErrors = false)
    {
        var compilation = CSharpCompilation.Create(
            "OrdersApi",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/Program.cs") },
            await (references ?? References.AspNetCore80).AllAsync(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowErrors)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        }

        var capture = new Capture();
        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(capture), options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.NotNull(capture.Model);
        return capture.Model!;
    }


    /// <summary>Registers the collector as an analyzer would and keeps the model it yields.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1036", Justification = "Runs in the test process only, never in a compiler.")]
    private sealed class Capture : DiagnosticAnalyzer
    {
        [SuppressMessage("MicrosoftCodeAnalysisReleaseTracking", "RS2008", Justification = "Never reported: the analyzer driver runs only analyzers with a descriptor.")]
        private static readonly DiagnosticDescriptor Unused = new("SGT0001", "Unused", "Unused", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public AppModel? Model { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = WellKnownTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                var collector = new AppModelCollector(start.Compilation, types);
                collector.Register(start);
                var walk = OperationWalk.Register(start, collector, endpoints: null, types);
                start.RegisterCompilationEndAction(end =>
                {
                    walk.ReadReachedBodies(end.Compilation, end.CancellationToken);
                    Model = collector.ToModel();
                });
            });
        }
    }
}
