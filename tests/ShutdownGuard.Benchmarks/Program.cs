using BenchmarkDotNet.Running;

namespace ShutdownGuard.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>--generate DIRECTORY</c> writes the large web app as a project that consumes ShutdownGuard from this
    /// repository (for a real build with <c>-p:ReportAnalyzer=true</c>); anything else goes to BenchmarkDotNet.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--generate")
        {
            LargeProject.WebApp.WriteTo(Path.GetFullPath(args[1]), RepositoryRoot());
            Console.WriteLine($"Wrote {LargeProject.Name} to {Path.GetFullPath(args[1])}");
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
