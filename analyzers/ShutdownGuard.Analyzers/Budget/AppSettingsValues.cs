using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Budget;

/// <summary>The keys of an <c>appsettings*.json</c> file as configuration flattens them (<c>HostOptions:ShutdownTimeout</c>),
/// compared ignoring case.</summary>
internal sealed class AppSettingsValues
{
    private readonly Dictionary<string, AppSettingsValue> _values;

    public AppSettingsValues(Dictionary<string, AppSettingsValue> values) => _values = values;

    /// <summary>The key's value; null when the file does not have the key.</summary>
    public AppSettingsValue? Find(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The keys below a section, at any depth (<c>Kestrel:Endpoints</c> gives <c>Kestrel:Endpoints:Http:Url</c>).</summary>
    public IEnumerable<string> KeysUnder(string section) => _values.Keys.Where(key =>
        key.Length > section.Length + 1 && key[section.Length] == ':' && key.StartsWith(section, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One key's value in an <c>appsettings*.json</c> file.</summary>
internal sealed class AppSettingsValue
{
    public AppSettingsValue(string? text, TextSpan span)
    {
        Text = text;
        Span = span;
    }

    /// <summary>What configuration reads: a string's content or a literal's text; null for <c>null</c>, an object or an
    /// array (no value the analyzer can use).</summary>
    public string? Text { get; }

    /// <summary>The value's span in the file's text, quotes included.</summary>
    public TextSpan Span { get; }

    /// <summary>The value as the host reads <c>shutdownTimeoutSeconds</c> (<c>NumberStyles.None</c>: digits only); null
    /// when it cannot (then the value is unknown).</summary>
    public double? AsWholeSeconds() =>
        int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public static StringComparer KeyComparer => StringComparer.OrdinalIgnoreCase;
}
