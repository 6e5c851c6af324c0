using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;
using ShutdownGuard.Rules;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

/// <summary>Compiles C# files against ASP.NET Core 8 and runs the endpoint collector over them as an analyzer would.</summary>
internal static class EndpointModelRunner
{
    /// <summary>The model of an app made of these files, named <c>/src/File0.cs</c>, <c>/src/File1.cs</c>, …; the code must compile.</summary>
    public static Task<EndpointModel> ModelAsync(params string[] files) => ModelAsync(ImmutableArray<MetadataReference>.Empty, files);

    public static Task<EndpointModel> ModelAsync(ImmutableArray<MetadataReference> libraries, params string[] files) =>
        ModelInAsync(ImmutableArray.Create<string?>(HostEnvironment.Production), libraries, files);

    /// <summary>The model of the app as it runs in these environments (a null name is unknown).</summary>
    public static async Task<EndpointModel> ModelInAsync(ImmutableArray<string?> environments, ImmutableArray<MetadataReference> libraries, params string[] files)
    {
        var compilation = await CompileAsync(libraries, files);
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return await RunAsync(compilation, environments);
    }

    /// <summary>The model of code that need not compile (half-typed code in the editor).</summary>
    public static async Task<EndpointModel> ModelOfBrokenCodeAsync(params string[] files) =>
        await RunAsync(await CompileAsync(ImmutableArray<MetadataReference>.Empty, files), ImmutableArray.Create<string?>(HostEnvironment.Production));

    /// <summary>A library outside the project (a shared <c>ServiceDefaults</c>, a health check package).</summary>
    public static async Task<MetadataReference> LibraryAsync(string assemblyName, string code)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(code, path: "/lib/" + assemblyName + ".cs") },
            await Verification.References.AspNetCore80.AllAsync(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static async Task<CSharpCompilation> CompileAsync(ImmutableArray<MetadataReference> libraries, string[] files)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = files.Select((code, index) => CSharpSyntaxTree.ParseText(code, parse, path: $"/src/File{index}.cs"));
        return CSharpCompilation.Create(
            "OrdersApi",
            trees,
            (await Verification.References.AspNetCore80.AllAsync()).AddRange(libraries),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));
    }


    private static async Task<EndpointModel> RunAsync(Compilation compilation, ImmutableArray<string?> environments)
    {
        var analyzer = new ModelAnalyzer(environments);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var results = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options).GetAnalysisResultAsync(CancellationToken.None);
        var failures = results.GetAllDiagnostics().Where(diagnostic => diagnostic.Id == "AD0001").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        return analyzer.Model ?? throw new InvalidOperationException("the collector did not run");
    }

    /// <summary>Holds the model the collector built; it reports nothing (an analyzer must name some descriptor).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1036", Justification = "Runs inside the tests only; never loaded by a compiler.")]
    private sealed class ModelAnalyzer : DiagnosticAnalyzer
    {
        private readonly ImmutableArray<string?> _environments;

        public ModelAnalyzer(ImmutableArray<string?> environments) => _environments = environments;

        public EndpointModel? Model { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WorkloadMatch);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (WellKnownTypes.TryCreate(start.Compilation) is { } types && EndpointCollector.Register(start, types) is { } collector)
                {
                    var walk = OperationWalk.Register(start, app: null, collector, types);
                    start.RegisterCompilationEndAction(end =>
                    {
                        walk.ReadReachedBodies(end.Compilation, end.CancellationToken);
                        Model = collector.Build(_environments, end.CancellationToken);
                    });
                }
            });
        }
    }
}
