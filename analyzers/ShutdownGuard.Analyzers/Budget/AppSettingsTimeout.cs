using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Budget;

/// <summary>The root key <c>shutdownTimeoutSeconds</c> of an <c>appsettings*.json</c> file.</summary>
internal sealed class AppSettingsTimeout
{
    public AppSettingsTimeout(double? seconds, TextSpan span)
    {
        Seconds = seconds;
        Span = span;
    }

    /// <summary>Null when the host could not read the value as whole seconds (then the value is unknown).</summary>
    public double? Seconds { get; }

    /// <summary>The value's span in the file's text, quotes included.</summary>
    public TextSpan Span { get; }
}
