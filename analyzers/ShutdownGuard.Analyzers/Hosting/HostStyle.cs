namespace ShutdownGuard.Hosting;

/// <summary>How a host is built: it decides the ShutdownTimeout default and which configuration sources can set it.</summary>
internal enum HostStyle
{
    /// <summary>The builder could not be traced to its creation (a parameter, a field, a method outside the project).</summary>
    Unknown,

    /// <summary><c>WebApplication.CreateBuilder</c>, <c>Create</c> or <c>CreateSlimBuilder</c>.</summary>
    WebApplication,

    /// <summary><c>WebApplication.CreateEmptyBuilder</c>: no default configuration sources.</summary>
    WebApplicationEmpty,

    /// <summary><c>Host.CreateDefaultBuilder(…).ConfigureWebHostDefaults(…)</c> or <c>ConfigureWebHost(…)</c>.</summary>
    GenericHostWithWeb,

    /// <summary><c>Host.CreateDefaultBuilder</c> without a web host.</summary>
    GenericHost,

    /// <summary><c>Host.CreateApplicationBuilder</c>.</summary>
    ApplicationBuilder,

    /// <summary><c>Host.CreateEmptyApplicationBuilder</c>: no default configuration sources.</summary>
    EmptyApplicationBuilder,

    /// <summary><c>new HostBuilder()</c>: no default configuration sources.</summary>
    PlainHostBuilder,

    /// <summary><c>WebHost.CreateDefaultBuilder</c> or <c>new WebHostBuilder()</c>: <c>Build</c> returns an <c>IWebHost</c>, which ignores <c>HostOptions</c>.</summary>
    LegacyWebHost,
}
