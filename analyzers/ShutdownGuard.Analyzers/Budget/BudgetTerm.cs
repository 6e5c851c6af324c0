using System.Globalization;

namespace ShutdownGuard.Budget;

/// <summary>One number of the budget and where it came from, e.g. <c>preStop 5 s (deployment.yaml:31)</c>.</summary>
internal sealed class BudgetTerm
{
    public BudgetTerm(string name, double seconds, string source)
    {
        Name = name;
        Seconds = seconds;
        Source = source;
    }

    public string Name { get; }

    /// <summary>Known seconds; <see cref="double.PositiveInfinity"/> for an infinite timeout.</summary>
    public double Seconds { get; }

    public string Source { get; }

    public static string FormatSeconds(double seconds) =>
        double.IsPositiveInfinity(seconds) ? "infinite" : seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    public override string ToString() => Source.Length == 0
        ? Name + " " + FormatSeconds(Seconds)
        : Name + " " + FormatSeconds(Seconds) + " (" + Source + ")";
}
