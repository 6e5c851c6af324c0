namespace ShutdownGuard.IntegrationTests;

/// <summary>Where the repository is, and how a folder outside it is kept free of MSBuild files above it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Empty MSBuild files stop the search for any above <paramref name="directory"/>.</summary>
    public static void StopMsBuildSearch(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, name), "<Project />\n");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
