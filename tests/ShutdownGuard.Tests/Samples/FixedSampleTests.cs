using ShutdownGuard.Manifests;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Samples;

/// <summary>
/// samples/FixedApp is samples/BrokenApp after every fix ShutdownGuard offers, applied the way a user would: generated
/// by the fixes, never written by hand. Set SHUTDOWNGUARD_UPDATE_SAMPLES=1 to rewrite it after changing a fix.
/// </summary>
public class FixedSampleTests
{
    private static readonly string Samples = RepositoryFiles.PathOf("samples");

    [Fact]
    public async Task FixedApp_is_what_the_fixes_make_of_BrokenApp()
    {
        var broken = ReadApp(Path.Combine(Samples, "BrokenApp"));
        var renamed = broken.ToDictionary(file => Rename(file.Key), file => Rename(file.Value));
        var sources = renamed.Where(file => !file.Key.EndsWith(".csproj", StringComparison.Ordinal)).ToDictionary(file => file.Key, file => file.Value);

        var fixedFiles = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["FixedApp.csproj"] = renamed["FixedApp.csproj"] };
        foreach (var (path, text) in await SampleFixer.FixAsync("FixedApp", sources))
        {
            fixedFiles[path] = text;
        }

        var target = Path.Combine(Samples, "FixedApp");
        if (Environment.GetEnvironmentVariable("SHUTDOWNGUARD_UPDATE_SAMPLES") == "1")
        {
            WriteApp(target, fixedFiles);
        }

        Assert.Equal(fixedFiles, new SortedDictionary<string, string>(ReadApp(target), StringComparer.Ordinal));
        foreach (var manifest in fixedFiles.Where(file => file.Key.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            Assert.Null(ManifestReader.Read(Microsoft.CodeAnalysis.Text.SourceText.From(manifest.Value), false, CancellationToken.None).Problem);
        }
    }

    [Fact]
    public async Task FixedApp_leaves_no_warning()
    {
        var files = ReadApp(Path.Combine(Samples, "FixedApp")).Where(file => !file.Key.EndsWith(".csproj", StringComparison.Ordinal)).ToDictionary(file => file.Key, file => file.Value);

        var diagnostics = await SampleFixer.DiagnosticsAsync("FixedApp", files);

        Assert.Empty(diagnostics.Where(diagnostic => diagnostic.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    private static string Rename(string text) => text.Replace("BrokenApp", "FixedApp").Replace("broken-app", "fixed-app");

    /// <summary>The app's own files: no build output.</summary>
    private static Dictionary<string, string> ReadApp(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(folder, path)), StringComparer.Ordinal);

    private static void WriteApp(string folder, IReadOnlyDictionary<string, string> files)
    {
        foreach (var stale in ReadApp(folder).Keys.Where(path => !files.ContainsKey(path)))
        {
            File.Delete(Path.Combine(folder, stale));
        }

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }
}
