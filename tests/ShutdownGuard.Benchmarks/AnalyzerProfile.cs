using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// Analyses a generated project repeatedly, for a profiler to attach to (<c>dotnet-trace collect -- …</c>) or to read
/// each analysis's time and allocations: with every ShutdownGuard analyzer, the analyzer that only has Roslyn build
/// operation trees, or the empty one.
/// </summary>
internal static class AnalyzerProfile
{
    public enum AnalyzerSet
    {
        ShutdownGuard,
        OperationTrees,
        Empty,
    }

    public static async Task RunAsync(BodyShape bodies, int analyses, AnalyzerSet set, bool webHost, bool logExecutionTime, bool seenTexts)
    {
        var project = new ProjectCompilation(LargeProject.Of(bodies, webHost));
        var (analyzers, expected) = set switch
        {
            AnalyzerSet.ShutdownGuard => (ExportedComponents.Analyzers(), webHost ? ExpectedDiagnostics.WebApp : ExpectedDiagnostics.None),
            AnalyzerSet.OperationTrees => (ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer(withOperationAction: true)), ExpectedDiagnostics.None),
            _ => (ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer(withOperationAction: false)), ExpectedDiagnostics.None),
        };
        for (var analysis = 0; analysis < analyses; analysis++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var (diagnostics, analyzerTime) = await ProjectCompilation.AnalyzeTimedAsync(
                project.Compilation.Clone(), analyzers, ProjectCompilation.Options(project.NewAdditionalTexts(unseen: !seenTexts || analysis == 0)), logExecutionTime).ConfigureAwait(false);
            ProjectCompilation.Expect(diagnostics, expected);
            var inCallbacks = logExecutionTime ? $", {analyzerTime.TotalMilliseconds:F0} ms in the analyzers' callbacks" : "";
            Console.WriteLine($"{set} on the {(webHost ? "web app" : "library")} ({bodies} bodies), analysis {analysis + 1}: {clock.ElapsedMilliseconds} ms{inCallbacks}, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_000_000.0:F1} MB allocated");
        }
    }
}
