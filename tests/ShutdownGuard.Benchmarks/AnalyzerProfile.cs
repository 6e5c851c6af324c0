using System.Diagnostics;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// Analyses the generated web app repeatedly with every ShutdownGuard analyzer, for a profiler to attach to
/// (<c>dotnet-trace collect -- …</c>), and prints each analysis's time and allocations.
/// </summary>
internal static class AnalyzerProfile
{
    public static async Task RunAsync(BodyShape bodies, int analyses)
    {
        var project = new ProjectCompilation(LargeProject.Of(bodies, webHost: true));
        var analyzers = ExportedComponents.Analyzers();
        for (var analysis = 0; analysis < analyses; analysis++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var diagnostics = await ProjectCompilation.AnalyzeAsync(project.Compilation.Clone(), analyzers, ProjectCompilation.Options(project.NewAdditionalTexts())).ConfigureAwait(false);
            ProjectCompilation.Expect(diagnostics, ExpectedDiagnostics.WebApp);
            Console.WriteLine($"Analysis {analysis + 1}: {clock.ElapsedMilliseconds} ms, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_000_000} MB allocated");
        }
    }
}
