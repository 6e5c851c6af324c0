using BenchmarkDotNet.Running;

namespace ShutdownGuard.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>--generate DIRECTORY [Small|RealShaped]</c> writes the large web app, with the given method bodies
    /// (real-shaped unless told), as a project that consumes ShutdownGuard from this repository (for a real build with
    /// <c>-p:ReportAnalyzer=true</c>); <c>--profile Small|RealShaped COUNT [ShutdownGuard|OperationTrees|Empty]
    /// [WebApp|Library] [--timed] [--seen-texts]</c> analyses a generated project COUNT times, printing each analysis's time
    /// and allocations (with <c>--timed</c>, also the time inside the analyzers' callbacks, as a build's <c>ReportAnalyzer</c>
    /// counts it; with <c>--seen-texts</c>, the additional files after the first analysis have the content seen before, as
    /// in the builds of an unchanged project);
    /// anything else goes to BenchmarkDotNet.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length is 2 or 3 && args[0] == "--generate")
        {
            var bodies = args.Length == 3 ? Enum.Parse<BodyShape>(args[2], ignoreCase: true) : BodyShape.RealShaped;
            LargeProject.Of(bodies, webHost: true).WriteTo(Path.GetFullPath(args[1]), RepositoryRoot());
            Console.WriteLine($"Wrote {LargeProject.Name} with {bodies} bodies to {Path.GetFullPath(args[1])}");
            return 0;
        }

        if (args.Length is >= 3 and <= 7 && args[0] == "--profile")
        {
            var timed = args.Contains("--timed");
            var seenTexts = args.Contains("--seen-texts");
            args = args.Where(arg => arg is not ("--timed" or "--seen-texts")).ToArray();
            await AnalyzerProfile.RunAsync(
                Enum.Parse<BodyShape>(args[1], ignoreCase: true),
                int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
                args.Length > 3 ? Enum.Parse<AnalyzerProfile.AnalyzerSet>(args[3], ignoreCase: true) : AnalyzerProfile.AnalyzerSet.ShutdownGuard,
                webHost: args.Length <= 4 || !string.Equals(args[4], "Library", StringComparison.OrdinalIgnoreCase),
                logExecutionTime: timed,
                seenTexts).ConfigureAwait(false);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from a build inside the repository.");
    }
}
