using System.Collections.Generic;
using System.Linq;

namespace ShutdownGuard.Hosting;

/// <summary>What one evaluation of a value read from configuration: the values found and the keys no source sets.
/// Without a configuration every read is unknown, which still tells that the value depends on configuration.</summary>
internal sealed class ConfigurationReads
{
    private readonly IAppConfiguration? _configuration;
    private readonly List<ConfigurationValue> _found = new();
    private readonly List<string> _unset = new();
    private bool _unknown;

    public ConfigurationReads(IAppConfiguration? configuration) => _configuration = configuration;

    /// <summary>True once anything was read.</summary>
    public bool Any { get; private set; }

    public IReadOnlyList<ConfigurationValue> Found => _found;

    /// <summary>True when every read found no source that sets its key.</summary>
    public bool AllUnset => Any && _found.Count == 0 && !_unknown;

    /// <summary>False when the value is unknown; true with a null <paramref name="text"/> when no source sets the key.</summary>
    public bool TryRead(string key, bool environmentOnly, out string? text)
    {
        Any = true;
        text = null;
        if (_configuration is null || !_configuration.TryRead(key, environmentOnly, out var value))
        {
            _unknown = true;
            return false;
        }

        if (value is null)
        {
            _unset.Add(key);
            return true;
        }

        _found.Add(value);
        text = value.Text;
        return text is not null;
    }

    /// <summary><c>GRACEFUL_SHUTDOWN_TIMEOUT "58" (k8s/deployment.yaml:13)</c>, or <c>Shutdown:Seconds unset</c>.</summary>
    public string Describe() => string.Join(", ", _found.Select(value => value.Source).Concat(_unset.Select(key => key + " unset")));
}
