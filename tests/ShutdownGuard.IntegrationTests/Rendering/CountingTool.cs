namespace ShutdownGuard.IntegrationTests.Rendering;

/// <summary>A script that logs each call and then runs the real tool: how the tests count the tool's runs.</summary>
public sealed class CountingTool
{
    private readonly string _log;

    private CountingTool(string path, string log)
    {
        Path = path;
        _log = log;
    }

    /// <summary>The script, named like the tool, so that the build picks the tool's command line by its name.</summary>
    public string Path { get; }

    public int Runs => File.Exists(_log) ? File.ReadAllLines(_log).Length : 0;

    /// <param name="directory">A folder of the test's own, outside the project folder.</param>
    public static CountingTool Wrapping(string realTool, string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The counting script is a POSIX shell script.");
        }

        System.IO.Directory.CreateDirectory(directory);
        var name = System.IO.Path.GetFileName(realTool);
        var path = System.IO.Path.Combine(directory, name);
        var log = path + ".log";
        File.WriteAllText(path, $"""
            #!/bin/sh
            echo "$*" >> '{log}'
            exec '{realTool}' "$@"

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new CountingTool(path, log);
    }
}
