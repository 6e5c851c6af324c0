using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ShutdownGuard.Build;

/// <summary>What became of one rendering, as the index records it.</summary>
public sealed record RenderOutcome(Rendering Rendering, string Status, string? Error, string? Output);

/// <summary>
/// shutdownguard.renders.json, the analyzer's one view of the renderings (MSBuild metadata cannot carry <c>;</c> or
/// <c>#</c>). Written by hand so the layout stays exactly as documented: 2-space indentation, fixed property order.
/// </summary>
public static class RenderIndex
{
    public const string FileName = "shutdownguard.renders.json";

    public const int Version = 1;

    /// <param name="outcomes">In the order of the plan: kind, source, name.</param>
    /// <param name="relative">Makes a full path relative to the project folder.</param>
    public static string Write(string projectFileName, IEnumerable<RenderOutcome> outcomes, System.Func<string, string> relative)
    {
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"version\": ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"project\": ").Append(Quote(projectFileName)).Append(",\n");
        var renders = outcomes.Select(outcome => Render(outcome, relative)).ToList();
        json.Append("  \"renders\": ").Append(renders.Count == 0 ? "[]" : "[\n" + string.Join(",\n", renders) + "\n  ]").Append('\n');
        json.Append("}\n");
        return json.ToString();
    }

    private static string Render(RenderOutcome outcome, System.Func<string, string> relative)
    {
        var rendering = outcome.Rendering;
        var properties = new (string Name, string Value)[]
        {
            ("kind", Quote(rendering.Kind)),
            ("name", Quote(rendering.Name)),
            ("source", Quote(rendering.Source)),
            ("status", Quote(outcome.Status)),
            ("tool", Quote(rendering.Tool.Name)),
            ("error", Quote(outcome.Error)),
            ("valueFiles", Array(rendering.ValueFiles)),
            ("set", Array(rendering.Set)),
            ("inputs", Array(rendering.Inputs.Select(relative).OrderBy(path => path, System.StringComparer.Ordinal))),
            ("output", Quote(outcome.Output)),
        };
        return "    {\n" + string.Join(",\n", properties.Select(p => $"      {Quote(p.Name)}: {p.Value}")) + "\n    }";
    }

    private static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
