namespace ShutdownGuard.Hosting;

/// <summary>The form of code that sets ShutdownTimeout.</summary>
internal enum TimeoutSettingKind
{
    /// <summary><c>Configure&lt;HostOptions&gt;</c>, <c>PostConfigure&lt;HostOptions&gt;</c> or <c>AddOptions&lt;HostOptions&gt;().Configure</c>.</summary>
    ConfigureOptions,

    /// <summary><c>IHostBuilder.ConfigureHostOptions</c>, either overload.</summary>
    ConfigureHostOptions,

    /// <summary><c>IWebHostBuilder.UseShutdownTimeout</c>: writes the configuration key, in whole seconds.</summary>
    UseShutdownTimeout,

    /// <summary><c>UseSetting("shutdownTimeoutSeconds", …)</c>: writes the configuration key.</summary>
    UseSetting,

    /// <summary><c>Configure&lt;HostOptions&gt;(section)</c>, <c>AddOptions&lt;HostOptions&gt;().Bind(section)</c> or
    /// <c>.BindConfiguration(path)</c>: <c>HostOptions</c> bound from configuration, where the section has the key.</summary>
    BindConfiguration,
}
