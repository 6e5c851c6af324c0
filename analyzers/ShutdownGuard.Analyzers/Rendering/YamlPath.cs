using System.Collections.Generic;
using System.Linq;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>Follows a rendered node's path in a source document (a values file, a resource, a patch).</summary>
internal static class YamlPath
{
    /// <summary>The entry at the end of <paramref name="steps"/>; sequence items are matched by name, else by position.</summary>
    public static YEntry? Walk(YNode node, IEnumerable<PathStep> steps)
    {
        YEntry? entry = null;
        foreach (var step in steps)
        {
            if (step.IsKey)
            {
                entry = node.Resolved.Entry(step.Key!);
                if (entry is null)
                {
                    return null;
                }

                node = entry.Value;
                continue;
            }

            if (node.Resolved is not YSequence sequence)
            {
                return null;
            }

            var items = sequence.Values.ToList();
            var item = step.ItemName is { } name ? items.FirstOrDefault(candidate => (candidate.Child("name") as YScalar)?.Value == name) : null;
            item ??= step.Index < items.Count ? items[step.Index] : null;
            if (item is null)
            {
                return null;
            }

            node = item;
        }

        return entry;
    }
}
