using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ShutdownGuard.Build;

/// <summary>
/// Finds the renderings without running a tool (it runs in design-time builds too): their input files, and a file
/// holding every command line and tool path, which changes when a property or an installed tool does.
/// </summary>
public sealed class DiscoverRenders : RenderTask
{
    [Required]
    public string CommandsFile { get; set; } = "";

    /// <summary>Every file a rendering reads; empty when the project renders nothing.</summary>
    [Output]
    public ITaskItem[] Inputs { get; private set; } = [];

    public override bool Execute()
    {
        var plan = Plan();
        var commands = new StringBuilder();
        foreach (var rendering in plan)
        {
            commands.Append(rendering.Identity)
                .Append(rendering.Tool.Path ?? "(not installed) " + rendering.Tool.Name).Append('\n')
                .Append(CommandLine.Join(rendering.Arguments)).Append('\n')
                .Append(rendering.Failure).Append("\n\n");
        }

        ProjectFiles.WriteIfChanged(CommandsFile, commands.ToString());
        Inputs = plan.SelectMany(rendering => rendering.Inputs)
            .Distinct()
            .Where(File.Exists)
            .Select(path => (ITaskItem)new TaskItem(path))
            .ToArray();
        return true;
    }
}
