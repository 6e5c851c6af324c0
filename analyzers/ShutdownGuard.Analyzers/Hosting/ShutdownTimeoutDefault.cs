namespace ShutdownGuard.Hosting;

/// <summary>The ShutdownTimeout that applies when nothing sets it.</summary>
internal sealed class ShutdownTimeoutDefault
{
    public ShutdownTimeoutDefault(double seconds, string description)
    {
        Seconds = seconds;
        Description = description;
    }

    public double Seconds { get; }

    /// <summary>Where the value comes from, e.g. <c>default for Microsoft.Extensions.Hosting 8.0</c>.</summary>
    public string Description { get; }
}
