using ShutdownGuard.Hosting;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Hosting;

public class TimeoutSettingTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using Microsoft.AspNetCore;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static async Task<TimeoutSetting> SingleSettingAsync(string code)
    {
        var model = await AppModelCapture.CollectAsync(Usings + code);
        return Assert.Single(model.TimeoutSettings);
    }

    [Theory]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));", "ConfigureOptions")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.Configure<HostOptions>(o => { o.ShutdownTimeout = TimeSpan.FromSeconds(45); });", "ConfigureOptions")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.PostConfigure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));", "ConfigureOptions")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Services.AddOptions<HostOptions>().Configure(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));", "ConfigureOptions")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureServices(s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45))).Build();", "ConfigureOptions")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45)).Build();", "ConfigureHostOptions")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureHostOptions((context, o) => { o.ShutdownTimeout = TimeSpan.FromSeconds(45); }).Build();", "ConfigureHostOptions")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));", "ConfigureHostOptions")]
    [InlineData("var b = WebApplication.CreateBuilder(args); b.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(45));", "UseShutdownTimeout")]
    [InlineData("WebHost.CreateDefaultBuilder(args).UseSetting(\"shutdownTimeoutSeconds\", \"45\").Configure(app => { }).Build();", "UseSetting")]
    [InlineData("WebHost.CreateDefaultBuilder(args).UseSetting(\"SHUTDOWNTIMEOUTSECONDS\", \"45\").Configure(app => { }).Build();", "UseSetting")]
    [InlineData("WebHost.CreateDefaultBuilder(args).UseSetting(WebHostDefaults.ShutdownTimeoutKey, \"45\").Configure(app => { }).Build();", "UseSetting")]
    public async Task Every_form_that_sets_the_timeout_is_found(string code, string kind)
    {
        var setting = await SingleSettingAsync(code);

        Assert.Equal(Enum.Parse<TimeoutSettingKind>(kind), setting.Kind);
        Assert.Equal(45, setting.Seconds);
    }

    [Fact]
    public async Task An_object_initializer_inside_the_lambda_is_found()
    {
        var setting = await SingleSettingAsync("""
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>(o =>
            {
                var defaults = new HostOptions { ShutdownTimeout = TimeSpan.FromSeconds(45) };
                o.BackgroundServiceExceptionBehavior = defaults.BackgroundServiceExceptionBehavior;
            });
            """);

        Assert.Equal(45, setting.Seconds);
    }

    [Fact]
    public async Task The_location_is_the_value_and_the_description_names_form_file_and_line()
    {
        var setting = await SingleSettingAsync("""
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
            """);

        Assert.Equal("TimeSpan.FromSeconds(45)", setting.Location.SourceTree!.GetText().ToString(setting.Location.SourceSpan));
        Assert.Equal("Configure<HostOptions> (Program.cs:9)", setting.Description);
        Assert.False(setting.IsConfiguration);
    }

    [Fact]
    public async Task Configuration_forms_say_so()
    {
        var setting = await SingleSettingAsync("new WebHostBuilder().UseShutdownTimeout(TimeSpan.FromSeconds(45)).Configure(app => { }).Build();");

        Assert.True(setting.IsConfiguration);
        Assert.StartsWith("UseShutdownTimeout (Program.cs:", setting.Description);
    }

    [Fact]
    public async Task Named_options_and_other_settings_are_not_the_host_timeout()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>("other", o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
            b.Services.Configure<HostOptions>(o => o.StartupTimeout = TimeSpan.FromSeconds(45));
            b.WebHost.UseSetting("urls", "http://+:8080");
            """);

        Assert.Empty(model.TimeoutSettings);
    }

    [Theory]
    [InlineData("TimeSpan.FromSeconds(45)", 45.0)]
    [InlineData("TimeSpan.FromSeconds(2.5)", 2.5)]
    [InlineData("TimeSpan.FromMinutes(1)", 60.0)]
    [InlineData("TimeSpan.FromMilliseconds(1500)", 1.5)]
    [InlineData("TimeSpan.FromHours(1)", 3600.0)]
    [InlineData("new TimeSpan(0, 0, 45)", 45.0)]
    [InlineData("new TimeSpan(450_000_000)", 45.0)]
    [InlineData("new TimeSpan(0, 0, 1, 5)", 65.0)]
    [InlineData("new TimeSpan(0, 0, 0, 45, 500)", 45.5)]
    [InlineData("TimeSpan.Parse(\"00:00:45\")", 45.0)]
    [InlineData("TimeSpan.Parse(\"00:01:00\")", 60.0)]
    [InlineData("TimeSpan.Zero", 0.0)]
    [InlineData("Timeout.InfiniteTimeSpan", double.PositiveInfinity)]
    [InlineData("TimeSpan.FromSeconds(Limits.Seconds)", 45.0)]
    [InlineData("Limits.Drain", 45.0)]
    [InlineData("Limits.Chained", 45.0)]
    [InlineData("TimeSpan.FromSeconds(Limits.ReadonlySeconds * 1)", null)]
    [InlineData("TimeSpan.FromSeconds(int.Parse(args[0]))", null)]
    [InlineData("Limits.Mutable", null)]
    [InlineData("TimeSpan.Parse(\"soon\")", null)]
    public async Task Values_are_folded_when_they_are_constant(string expression, double? seconds)
    {
        var setting = await SingleSettingAsync($$"""
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {{expression}});

            static class Limits
            {
                public const int Seconds = 45;
                public static readonly int ReadonlySeconds = 45;
                public static readonly TimeSpan Drain = TimeSpan.FromSeconds(Seconds);
                public static readonly TimeSpan Chained = Drain;
                public static TimeSpan Mutable = TimeSpan.FromSeconds(45);
            }
            """);

        Assert.Equal(seconds, setting.Seconds);
    }

    [Fact]
    public async Task A_const_local_and_a_local_assigned_once_are_folded()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            const int seconds = 40;
            var drain = TimeSpan.FromSeconds(seconds + 5);
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drain);
            """);

        Assert.Equal(45, Assert.Single(model.TimeoutSettings).Seconds);
    }

    [Theory]
    [InlineData("TimeSpan.FromMilliseconds(500)", 0.0)]
    [InlineData("TimeSpan.FromSeconds(45.9)", 45.0)]
    [InlineData("Timeout.InfiniteTimeSpan", 0.0)]
    public async Task UseShutdownTimeout_keeps_whole_seconds(string expression, double seconds)
    {
        var setting = await SingleSettingAsync($"new WebHostBuilder().UseShutdownTimeout({expression}).Configure(app => {{ }}).Build();");

        Assert.Equal(seconds, setting.Seconds);
    }

    [Theory]
    [InlineData("\"45\"", 45.0)]
    [InlineData("\"45.5\"", null)]
    [InlineData("\" 45\"", null)]
    [InlineData("args[0]", null)]
    public async Task UseSetting_values_are_read_as_the_host_parses_them(string value, double? seconds)
    {
        var setting = await SingleSettingAsync($"new WebHostBuilder().UseSetting(\"shutdownTimeoutSeconds\", {value}).Configure(app => {{ }}).Build();");

        Assert.Equal(seconds, setting.Seconds);
    }

    [Fact]
    public async Task Settings_are_listed_in_source_order()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var b = WebApplication.CreateBuilder(args);
            b.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(10));
            b.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
            """);

        Assert.Equal(new double?[] { 10, 20, 30 }, model.TimeoutSettings.Select(setting => setting.Seconds));
    }

    [Theory]
    [InlineData("b.Services.Configure<HostOptions>(b.Configuration.GetSection(\"HostOptions\"));", "HostOptions:ShutdownTimeout")]
    [InlineData("b.Services.Configure<HostOptions>(b.Configuration);", "ShutdownTimeout")]
    [InlineData("b.Services.AddOptions<HostOptions>().Bind(b.Configuration.GetSection(\"App\").GetSection(\"Host\"));", "App:Host:ShutdownTimeout")]
    [InlineData("b.Services.AddOptions<HostOptions>().BindConfiguration(\"HostOptions\");", "HostOptions:ShutdownTimeout")]
    [InlineData("var s = b.Configuration.GetRequiredSection(\"HostOptions\");\nb.Services.Configure<HostOptions>(s);", "HostOptions:ShutdownTimeout")]
    [InlineData("b.Host.ConfigureServices((context, services) => services.Configure<HostOptions>(context.Configuration.GetSection(\"HostOptions\")));", "HostOptions:ShutdownTimeout")]
    public async Task HostOptions_bound_from_configuration_read_the_section_s_key(string registration, string key)
    {
        var setting = await SingleSettingAsync("using Microsoft.Extensions.Configuration;\nvar b = WebApplication.CreateBuilder(args);\n" + registration);

        Assert.Equal(TimeoutSettingKind.BindConfiguration, setting.Kind);
        Assert.Null(setting.Seconds);
        Assert.Equal(25, setting.Configured!.Evaluate(new Configuration((key, "00:00:25")))!.Seconds);
        Assert.Null(setting.Configured.Evaluate(new Configuration()));
    }

    [Theory]
    [InlineData("b.Services.Configure<HostOptions>(b.Configuration.GetSection(args[0]));")]
    [InlineData("b.Services.Configure<HostOptions>(new Microsoft.Extensions.Configuration.ConfigurationManager().GetSection(\"HostOptions\"));")]
    public async Task A_section_that_cannot_be_resolved_is_unknown(string registration)
    {
        var setting = await SingleSettingAsync("var b = WebApplication.CreateBuilder(args);\n" + registration);

        Assert.Null(setting.Seconds);
        Assert.Null(setting.Configured);
    }

    [Fact]
    public async Task Named_options_bound_from_configuration_are_not_the_host_timeout()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>("other", b.Configuration.GetSection("HostOptions"));
            b.Services.AddOptions<HostOptions>("other").Bind(b.Configuration.GetSection("HostOptions"));
            b.Services.AddOptions<HostOptions>("other").BindConfiguration("HostOptions");
            """);

        Assert.Empty(model.TimeoutSettings);
    }

    [Theory]
    [InlineData("int.Parse(Environment.GetEnvironmentVariable(\"GRACEFUL_SHUTDOWN_TIMEOUT\") ?? \"50\")", "GRACEFUL_SHUTDOWN_TIMEOUT", true, "58", 58.0)]
    [InlineData("int.Parse(Environment.GetEnvironmentVariable(\"GRACEFUL_SHUTDOWN_TIMEOUT\") ?? \"50\")", "GRACEFUL_SHUTDOWN_TIMEOUT", true, null, 50.0)]
    [InlineData("b.Configuration.GetValue<int>(\"Shutdown:Seconds\", 30)", "Shutdown:Seconds", false, "58", 58.0)]
    [InlineData("b.Configuration.GetValue<int>(\"Shutdown:Seconds\", 30)", "Shutdown:Seconds", false, null, 30.0)]
    [InlineData("b.Configuration.GetValue<int>(\"Shutdown:Seconds\")", "Shutdown:Seconds", false, null, 0.0)]
    [InlineData("b.Configuration.GetValue<int>(\"Shutdown:Seconds\", 30)", "Shutdown:Seconds", false, "soon", null)]
    [InlineData("double.Parse(b.Configuration[\"Shutdown:Seconds\"] ?? \"30\")", "Shutdown:Seconds", false, "2.5", 2.5)]
    [InlineData("long.Parse(b.Configuration.GetSection(\"Shutdown\")[\"Seconds\"]!)", "Shutdown:Seconds", false, "58", 58.0)]
    [InlineData("long.Parse(b.Configuration.GetSection(\"Shutdown\")[\"Seconds\"]!)", "Shutdown:Seconds", false, null, null)]
    public async Task Values_the_app_reads_from_configuration_are_folded_per_configuration(string seconds, string key, bool environmentOnly, string? text, double? expected)
    {
        var setting = await SingleSettingAsync($"using Microsoft.Extensions.Configuration;\nvar b = WebApplication.CreateBuilder(args);\nb.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds({seconds}));");
        var configuration = text is null ? new Configuration() : new Configuration((key, text));

        Assert.Null(setting.Seconds);
        Assert.Equal(expected, setting.Configured!.Evaluate(configuration)!.Seconds);
        Assert.Equal(environmentOnly, configuration.EnvironmentOnly);
    }

    [Fact]
    public async Task A_TimeSpan_read_from_configuration_is_parsed_as_the_binder_parses_it()
    {
        var setting = await SingleSettingAsync("using Microsoft.Extensions.Configuration;\nvar b = WebApplication.CreateBuilder(args);\nb.Services.Configure<HostOptions>(o => o.ShutdownTimeout = b.Configuration.GetValue(\"Drain\", TimeSpan.FromSeconds(30)));");

        Assert.Equal(1500, setting.Configured!.Evaluate(new Configuration(("Drain", "0:25")))!.Seconds);
        Assert.Equal(30, setting.Configured.Evaluate(new Configuration())!.Seconds);
    }

    [Fact]
    public async Task Registrations_of_one_straight_line_block_are_ordered()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var b = WebApplication.CreateBuilder(args);
            b.Services.Configure<HostOptions>(b.Configuration.GetSection("HostOptions"));
            b.Services.AddOptions<HostOptions>().Configure(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)).BindConfiguration("HostOptions");
            b.Services.PostConfigure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
            b.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
            if (args.Length > 0)
            {
                b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
            }
            """);

        var orders = model.TimeoutSettings.Select(setting => setting.Order).ToList();
        Assert.Equal(6, orders.Count);
        Assert.All(orders.Take(3), order => Assert.Same(orders[0]!.Block, order!.Block));
        Assert.True(orders[0]!.Position < orders[1]!.Position && orders[1]!.Position < orders[2]!.Position);
        Assert.All(orders.Skip(3), Assert.Null);
    }

    [Fact]
    public async Task A_registration_after_a_statement_that_can_leave_the_block_has_no_known_order()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var b = WebApplication.CreateBuilder(args);
            if (args.Length > 0) return;
            b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
            """);

        Assert.Null(Assert.Single(model.TimeoutSettings).Order);
    }

    /// <summary>A configuration that holds the given keys (ignoring case) and nothing else.</summary>
    private sealed class Configuration : IAppConfiguration
    {
        private readonly Dictionary<string, string> _values;

        public Configuration(params (string Key, string Text)[] values) =>
            _values = values.ToDictionary(value => value.Key, value => value.Text, StringComparer.OrdinalIgnoreCase);

        public bool EnvironmentOnly { get; private set; }

        public bool TryRead(string key, bool environmentOnly, out ConfigurationValue? value)
        {
            EnvironmentOnly = environmentOnly;
            value = _values.TryGetValue(key, out var text) ? new ConfigurationValue(text, key, Microsoft.CodeAnalysis.Location.None) : null;
            return true;
        }
    }
}
