using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Tests.Robustness;

/// <summary>
/// Seeded damage to a text, the way files are damaged in an editor or a bad merge: truncations, byte flips, deleted,
/// duplicated and swapped lines, and fragments of YAML, templates and C# typed in at random.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Fragments =
    {
        "{{ .Values.image }}", "&anchor ", "*anchor", "<<: *anchor\n", "---\n", "...\n", "? ", "!!binary ", "%YAML 1.2\n",
        "\t", "\0", ": ", "- ", "[", "]", "{", "}", "\"", "'", "|\n", ">-\n", "#", "\\", "\r", "\uFEFF", "\uD800", "é",
        "var x = ", "app.Map", "(() => ", "=> ", ";", "new ", "async ", "await ", "TimeSpan.FromSeconds(", "\"/re",
        "ENTRYPOINT ", "CMD [\"", "FROM scratch AS final\n", "SHELL [\"/bin/bash\", \"-c\"]\n", "# syntax=docker/dockerfile:1\n",
    };

    private readonly Random _random = new(seed);

    public int Next(int maxValue) => _random.Next(maxValue);

    /// <summary>One to three mutations of <paramref name="text"/>, as bytes read back with encoding detection.</summary>
    public SourceText Mutate(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        for (var count = 1 + _random.Next(3); count > 0; count--)
        {
            Apply(bytes);
        }

        var array = bytes.ToArray();
        return SourceText.From(array, array.Length, encoding: null, checksumAlgorithm: SourceHashAlgorithm.Sha1, throwIfBinaryDetected: false, canBeEmbedded: false);
    }

    private void Apply(List<byte> bytes)
    {
        var at = _random.Next(bytes.Count + 1);
        switch (_random.Next(7))
        {
            case 0:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 1 when bytes.Count > 0:
                bytes[at % bytes.Count] ^= (byte)(1 << _random.Next(8));
                break;
            case 2:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[_random.Next(Fragments.Length)]));
                break;
            default:
                ChangeLines(bytes);
                break;
        }
    }

    private void ChangeLines(List<byte> bytes)
    {
        var lines = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n').ToList();
        var line = _random.Next(lines.Count);
        switch (_random.Next(3))
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                lines.Insert(line, lines[line]);
                break;
            default:
                (lines[line], lines[lines.Count - 1 - line]) = (lines[lines.Count - 1 - line], lines[line]);
                break;
        }

        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
    }
}
