using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShutdownGuard.CodeFixes.Budget;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>The graceful-shutdown class the SG1001 fix adds, in the form the referenced hosting supports.</summary>
internal static class DrainingScaffolding
{
    public const string TypeName = ReadinessGate.ScaffoldingType;

    /// <summary>The namespaces both forms use.</summary>
    public static readonly string[] Namespaces = { "System", "System.Threading", "System.Threading.Tasks", "Microsoft.Extensions.Hosting" };

    /// <summary>
    /// Adds the class beside the code that builds the host (so the simple name binds there), registers it on the host's
    /// builder, sets ShutdownTimeout and maps a readiness endpoint where the properties of <see cref="ShutdownReactionProperties"/> say so.
    /// </summary>
    public static CSharpEdit Add(
        CSharpEdit edit, CompilationUnitSyntax unit, HostBuildSite site, ImmutableDictionary<string, string?> properties, int drainDelaySeconds, CurrentTimeoutSetting? current = null)
    {
        const string type = TypeName;
        var declaration = properties.TryGetValue(ShutdownReactionProperties.Mechanism, out var mechanism) && mechanism == ShutdownReactionProperties.LifecycleMechanism ? Lifecycle : StoppingCallback;
        edit.AppendType(unit, declaration.Replace(
            $"DrainDelaySeconds = {ShutdownReactionProperties.DrainDelaySeconds};",
            $"DrainDelaySeconds = {drainDelaySeconds.ToString(CultureInfo.InvariantCulture)};"));
        foreach (var namespaceName in Namespaces)
        {
            edit.Imports(namespaceName);
        }

        site.AddServices(edit, $"AddSingleton<{type}>().AddHostedService(provider => provider.GetRequiredService<{type}>())");
        if (properties.TryGetValue(ShutdownReactionProperties.ShutdownTimeout, out var secondsText) && int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            // The setting the app has is rewritten; one added beside it would leave it there, overridden.
            if (current is null || HostOptionsSetting.Replace(edit, current.Node, current.Form, seconds) is null)
            {
                HostOptionsSetting.Insert(edit, site, seconds);
            }
        }

        if (properties.TryGetValue(ShutdownReactionProperties.ReadinessRoute, out var route) && route is not null && site.AppVariable is { } app && site.Statement is { } statement)
        {
            var literal = SymbolDisplay.FormatLiteral(route, quote: true);
            edit.InsertAfter(statement, SyntaxFactory.ParseStatement(
                $"{app}.MapGet({literal}, ({type} shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text(\"ready\"));"));
            edit.Imports("Microsoft.AspNetCore.Builder").Imports("Microsoft.AspNetCore.Http");
        }

        return edit;
    }

    /// <summary>Microsoft.Extensions.Hosting 8.0 and later: <c>StoppingAsync</c> runs before the server stops.</summary>
    public const string Lifecycle = """
        /// <summary>
        /// Graceful shutdown on Kubernetes. Load balancers learn that a terminating pod is gone a few seconds after it
        /// receives SIGTERM, and keep sending it requests meanwhile. From the moment the app starts stopping,
        /// <see cref="IsStopping"/> makes readiness fail; the app keeps serving for <see cref="DrainDelaySeconds"/>, then
        /// the server stops and drains in-flight requests within ShutdownTimeout.
        /// </summary>
        internal sealed class GracefulShutdown : IHostedLifecycleService
        {
            /// <summary>How long the app keeps serving after SIGTERM; keep it well below ShutdownTimeout.</summary>
            public const int DrainDelaySeconds = 5;

            private volatile bool _isStopping;

            /// <summary>True from the moment the app starts stopping: readiness must fail.</summary>
            public bool IsStopping => _isStopping;

            public async Task StoppingAsync(CancellationToken cancellationToken)
            {
                _isStopping = true;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(DrainDelaySeconds), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // ShutdownTimeout ran out first: stop waiting and let the server stop.
                }
            }

            public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    /// <summary>Earlier hosting and the legacy <c>WebHost</c>: <c>ApplicationStopping</c> callbacks run before the server stops.</summary>
    public const string StoppingCallback = """
        /// <summary>
        /// Graceful shutdown on Kubernetes. Load balancers learn that a terminating pod is gone a few seconds after it
        /// receives SIGTERM, and keep sending it requests meanwhile. From the moment the app starts stopping,
        /// <see cref="IsStopping"/> makes readiness fail; the app keeps serving for <see cref="DrainDelaySeconds"/>, then
        /// the server stops and drains in-flight requests within ShutdownTimeout.
        /// </summary>
        internal sealed class GracefulShutdown : IHostedService
        {
            /// <summary>How long the app keeps serving after SIGTERM; keep it well below ShutdownTimeout.</summary>
            public const int DrainDelaySeconds = 5;

            private readonly IHostApplicationLifetime _lifetime;
            private volatile bool _isStopping;

            public GracefulShutdown(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

            /// <summary>True from the moment the app starts stopping: readiness must fail.</summary>
            public bool IsStopping => _isStopping;

            public Task StartAsync(CancellationToken cancellationToken)
            {
                // Stopping callbacks run before the server stops: blocking in one keeps the app serving.
                _lifetime.ApplicationStopping.Register(OnStopping);
                return Task.CompletedTask;
            }

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            private void OnStopping()
            {
                _isStopping = true;
                Thread.Sleep(TimeSpan.FromSeconds(DrainDelaySeconds));
            }
        }
        """;
}

/// <summary>Where the app sets ShutdownTimeout now, and how (a <c>TimeoutSettingKind</c> name).</summary>
internal sealed class CurrentTimeoutSetting
{
    public CurrentTimeoutSetting(SyntaxNode node, string form)
    {
        Node = node;
        Form = form;
    }

    public SyntaxNode Node { get; }

    public string Form { get; }
}
