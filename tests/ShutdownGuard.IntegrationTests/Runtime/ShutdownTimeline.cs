using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;

namespace ShutdownGuard.IntegrationTests.Runtime;

/// <summary>
/// Draws one <see cref="ShutdownReport"/> as an SVG timeline: every <c>/orders</c> request at the time it was sent
/// (answered ones as green ticks, failed ones as red crosses), every <c>/ready</c> probe, SIGTERM, the first readiness
/// failure and the exit. The figures it shows are also written as attributes of the root element, which the test
/// compares with a committed drawing: the timings vary from run to run, the outcome must not.
/// </summary>
public static class ShutdownTimeline
{
    private const double Width = 760;
    private const double Left = 70;
    private const double Right = 20;
    private const double OrdersRow = 70;
    private const double ReadyRow = 110;
    private const double AxisRow = 140;
    private const double Height = 175;

    /// <summary>Seconds shown before SIGTERM.</summary>
    private const double Before = 2;

    /// <param name="title">What the app does, in a line.</param>
    public static string Draw(ShutdownReport report, string title)
    {
        var end = Math.Ceiling(Math.Max(Seconds(report, report.Orders.Max(sample => sample.SentAt)), report.ExitedAfter?.TotalSeconds ?? 0) + 0.5);
        double X(double seconds) => Left + ((seconds + Before) / (end + Before) * (Width - Left - Right));

        var failedAfter = report.OrdersAfterTermination.Count(sample => !sample.Succeeded);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\""))
            .Append(Invariant($" data-requests-after-sigterm=\"{report.OrdersAfterTermination.Count() > 0}\" data-refused-after-sigterm=\"{failedAfter > 0}\" data-readiness-failed=\"{report.ReadinessFailure is not null}\" data-exited=\"{report.ExitCode == 0}\">\n"))
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
            .Append(Invariant($"<text x=\"{Left}\" y=\"20\" font-weight=\"bold\">{Escape(title)}</text>\n"))
            .Append(Invariant($"<text x=\"{Left}\" y=\"38\" fill=\"#555\">/orders after SIGTERM: {report.OrdersAfterTermination.Count()} sent, {failedAfter} failed</text>\n"))
            .Append(Invariant($"<text x=\"10\" y=\"{OrdersRow + 4}\">/orders</text>\n<text x=\"10\" y=\"{ReadyRow + 4}\">/ready</text>\n"));

        // The time axis, one tick a second, 0 at SIGTERM.
        svg.Append(Invariant($"<line x1=\"{X(-Before):F1}\" y1=\"{AxisRow}\" x2=\"{X(end):F1}\" y2=\"{AxisRow}\" stroke=\"#999\"/>\n"));
        for (var second = -Before; second <= end; second++)
        {
            svg.Append(Invariant($"<line x1=\"{X(second):F1}\" y1=\"{AxisRow}\" x2=\"{X(second):F1}\" y2=\"{AxisRow + 4}\" stroke=\"#999\"/><text x=\"{X(second):F1}\" y=\"{AxisRow + 17}\" text-anchor=\"middle\" fill=\"#555\">{second:+0;-0;0} s</text>\n"));
        }

        foreach (var sample in report.Orders.Where(sample => Seconds(report, sample.SentAt) >= -Before))
        {
            Mark(svg, X(Seconds(report, sample.SentAt)), OrdersRow, sample.Succeeded);
        }

        foreach (var sample in report.Readiness.Where(sample => Seconds(report, sample.SentAt) >= -Before))
        {
            Mark(svg, X(Seconds(report, sample.SentAt)), ReadyRow, sample.StatusCode == 200);
        }

        Event(svg, X(0), "SIGTERM", "#000");
        if (report.ReadinessFailedAfter is { } readinessFailed)
        {
            svg.Append(Invariant($"<text x=\"{X(readinessFailed.TotalSeconds) + 4:F1}\" y=\"{ReadyRow - 10}\" fill=\"#c00\">not ready</text>\n"));
        }

        if (report.ExitedAfter is { } exited)
        {
            Event(svg, X(exited.TotalSeconds), "exit", "#555");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>The figures a drawing shows, as its root element's attributes say them.</summary>
    public static IReadOnlyDictionary<string, string> Figures(string svg) =>
        XDocument.Parse(svg).Root!.Attributes().Where(attribute => attribute.Name.LocalName.StartsWith("data-", StringComparison.Ordinal))
            .ToDictionary(attribute => attribute.Name.LocalName, attribute => attribute.Value);

    private static double Seconds(ShutdownReport report, TimeSpan at) => (at - report.TerminatedAt).TotalSeconds;

    private static void Mark(StringBuilder svg, double x, double row, bool succeeded) => svg.Append(succeeded
        ? Invariant($"<line x1=\"{x:F1}\" y1=\"{row - 7}\" x2=\"{x:F1}\" y2=\"{row + 7}\" stroke=\"#2a2\"/>\n")
        : Invariant($"<path d=\"M{x - 3:F1} {row - 4}l6 8m0 -8l-6 8\" stroke=\"#c00\"/>\n"));

    private static void Event(StringBuilder svg, double x, string label, string color) =>
        svg.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"50\" x2=\"{x:F1}\" y2=\"{AxisRow}\" stroke=\"{color}\" stroke-dasharray=\"4 3\"/><text x=\"{x + 4:F1}\" y=\"58\" fill=\"{color}\">{label}</text>\n"));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
