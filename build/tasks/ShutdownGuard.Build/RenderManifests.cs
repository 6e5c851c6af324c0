using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

namespace ShutdownGuard.Build;

/// <summary>
/// Runs helm template and kubectl kustomize (or kustomize build) for each rendering and writes what they print, less
/// every Secret, with the index the analyzer reads. A failure is recorded in the index, never a build error.
/// </summary>
public sealed class RenderManifests : RenderTask
{
    private const string RenderedFileName = "rendered.yaml";
    private const int DefaultTimeoutSeconds = 120;
    private const string IdentityFileName = "rendering.txt";

    [Required]
    public string ProjectFileName { get; set; } = "";

    /// <summary>ShutdownGuardRenderTimeoutSeconds, as text: a value that is no positive number keeps the default, never fails the build.</summary>
    public string? TimeoutSeconds { get; set; }

    private int EffectiveTimeoutSeconds => int.TryParse(TimeoutSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : DefaultTimeoutSeconds;

    public override bool Execute()
    {
        var plan = Plan();
        var outcomes = plan.Select(RenderOrRecordFailure).ToList();
        RemoveFoldersBeyond(plan.Count);

        var indexPath = Path.Combine(RenderDirectory, RenderIndex.FileName);
        if (plan.Count == 0)
        {
            File.Delete(indexPath);
        }
        else
        {
            ProjectFiles.WriteIfChanged(indexPath, RenderIndex.Write(ProjectFileName, outcomes, path => ProjectFiles.Relative(ProjectDirectory, path)));
        }

        return true;
    }

    // Rendering never fails the build: what went wrong goes to the index, where the analyzer reports it.
    private RenderOutcome RenderOrRecordFailure(Rendering rendering)
    {
        try
        {
            return Render(rendering);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return Failed(rendering, exception.Message);
        }
    }

    private RenderOutcome Render(Rendering rendering)
    {
        Directory.CreateDirectory(rendering.Directory);
        var renderedFile = Path.Combine(rendering.Directory, RenderedFileName);
        var identityFile = Path.Combine(rendering.Directory, IdentityFileName);
        // A folder is numbered by its place in the list, so an earlier output there may be another rendering's.
        if (!File.Exists(identityFile) || File.ReadAllText(identityFile) != rendering.Identity)
        {
            File.Delete(renderedFile);
        }
        ProjectFiles.WriteIfChanged(identityFile, rendering.Identity);

        if (rendering.Failure is not null)
        {
            File.Delete(renderedFile);
            return Failed(rendering, rendering.Failure);
        }

        if (rendering.Tool.Path is null)
        {
            // The last output stays until the tool is back: its findings are better than none.
            LogLow($"ShutdownGuard: {rendering.Tool.Name} is not installed; {rendering.Source} is not rendered.");
            return new RenderOutcome(rendering, RenderStatus.MissingTool, null, File.Exists(renderedFile) ? Relative(renderedFile) : null);
        }

        if (rendering.WrapperResource is { } root)
        {
            ProjectFiles.WriteIfChanged(Path.Combine(rendering.Directory, "kustomization.yaml"), WrapperKustomization(rendering.Directory, root));
        }

        var stopwatch = Stopwatch.StartNew();
        var result = ToolRunner.Run(rendering.Tool.Path, rendering.Arguments, ProjectDirectory, TimeSpan.FromSeconds(EffectiveTimeoutSeconds));
        var commandLine = rendering.Tool.Path + " " + CommandLine.Join(rendering.Arguments);
        LogLow($"ShutdownGuard: {commandLine} exited with code {result.ExitCode} after {stopwatch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s.");
        if (result.StandardError.Length > 0)
        {
            // Standard error is the tool's to explain; it is never an MSBuild warning or error.
            LogLow(result.StandardError);
        }

        if (result.TimedOut || result.ExitCode != 0)
        {
            File.Delete(renderedFile);
            var error = result.TimedOut
                ? $"{rendering.Tool.Name} did not finish within {EffectiveTimeoutSeconds} s (ShutdownGuardRenderTimeoutSeconds)"
                : ToolErrorLine.From(result.StandardError) ?? $"{rendering.Tool.Name} exited with code {result.ExitCode}";
            return Failed(rendering, error);
        }

        ProjectFiles.WriteIfChanged(renderedFile, ManifestDocuments.WithoutSecrets(result.StandardOutput));
        return new RenderOutcome(rendering, RenderStatus.Rendered, null, Relative(renderedFile));
    }

    private RenderOutcome Failed(Rendering rendering, string error)
    {
        LogLow($"ShutdownGuard: {rendering.Source} was not rendered: {error}");
        return new RenderOutcome(rendering, RenderStatus.Failed, error, null);
    }

    // Kustomize writes origin paths relative to the kustomization it builds: the wrapper sits beside the rendered file.
    private static string WrapperKustomization(string wrapperDirectory, string rootDirectory) =>
        "# Written by ShutdownGuard: renders the root below with origin annotations.\n"
        + "resources:\n"
        + "- " + ProjectFiles.Relative(wrapperDirectory, rootDirectory) + "\n"
        + "buildMetadata:\n"
        + "- originAnnotations\n";

    private void RemoveFoldersBeyond(int count)
    {
        if (!Directory.Exists(RenderDirectory))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(RenderDirectory))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > count)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    // The text is passed as an argument, never as the format: tool messages hold braces ({{ .Values.x }}).
    private void LogLow(string text) => Log.LogMessage(MessageImportance.Low, "{0}", text);

    private string Relative(string path) => ProjectFiles.Relative(ProjectDirectory, path);
}
