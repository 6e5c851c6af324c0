namespace ShutdownGuard.IntegrationTests.Runtime;

/// <summary>
/// A sample app built in Release into a temporary folder. The sources are copied out of the repository first,
/// so the build neither writes into the repository nor builds the analyzer: only the app's run-time behaviour matters here.
/// </summary>
public sealed class BuiltApp : IDisposable
{
    private readonly string _root;

    private BuiltApp(string root, string assemblyPath)
    {
        _root = root;
        AssemblyPath = assemblyPath;
    }

    public string AssemblyPath { get; }

    public string OutputDirectory => Path.GetDirectoryName(AssemblyPath)!;

    /// <param name="appFolder">The app's folder, relative to the repository root; it holds one project file.</param>
    public static async Task<BuiltApp> BuildAsync(string appFolder)
    {
        var source = Path.Combine(Repository.Root, appFolder);
        var project = Path.GetFileName(Directory.GetFiles(source, "*.csproj").Single());
        var root = Path.Combine(Path.GetTempPath(), "shutdownguard-run-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Repository.StopMsBuildSearch(root);
            var sources = Path.Combine(root, "src");
            CopySources(source, sources);
            var output = Path.Combine(root, "out");
            var result = await DotNet.RunAsync(
                sources,
                ["build", project, "-c", "Release", "-o", output, "-nologo", "-tl:off", "--disable-build-servers"]);
            Assert.True(result.ExitCode == 0, $"Building {appFolder} failed:\n{result.Output}");
            return new BuiltApp(root, Path.Combine(output, Path.ChangeExtension(project, ".dll")));
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void CopySources(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            // Build output of an earlier build in place would be compiled or restored from otherwise.
            if (name is not ("bin" or "obj"))
            {
                CopySources(directory, Path.Combine(destination, name));
            }
        }
    }
}
