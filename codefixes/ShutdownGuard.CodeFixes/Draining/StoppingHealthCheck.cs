using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// Gates a health-check endpoint: a check that fails once the app is stopping (added beside the code that builds the
/// host unless the project has it), registered with the tags the endpoint's predicate selects and no liveness endpoint does.
/// </summary>
internal static class StoppingHealthCheck
{
    public const string TypeName = "StoppingHealthCheck";

    private static readonly string[] Namespaces = { "System.Threading", "System.Threading.Tasks", "Microsoft.Extensions.Diagnostics.HealthChecks", "Microsoft.Extensions.Hosting" };

    private const string Declaration = """
        /// <summary>
        /// Unhealthy from the moment the app starts stopping: readiness fails, so load balancers that probe the pod stop
        /// routing to it while it drains. Never register it for liveness: a failing liveness probe restarts the container.
        /// </summary>
        internal sealed class StoppingHealthCheck : IHealthCheck
        {
            private readonly IHostApplicationLifetime _lifetime;

            public StoppingHealthCheck(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

            public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                Task.FromResult(_lifetime.ApplicationStopping.IsCancellationRequested
                    ? HealthCheckResult.Unhealthy("The app is stopping.")
                    : HealthCheckResult.Healthy());
        }
        """;

    /// <summary>Adds the check (once, beside the code that builds the host) and registers it before the host's
    /// <c>Build()</c> at <paramref name="buildSpan"/>.</summary>
    public static async Task<PlannedEdit?> PlanAsync(Document document, TextSpan buildSpan, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || semanticModel is null
            || HostBuildSite.Find(root.FindNode(buildSpan, getInnermostNodeForTie: true), semanticModel, cancellationToken) is not { } site)
        {
            return null;
        }

        var edit = new CSharpEdit();
        if (!CSharpEdit.Declares(semanticModel.Compilation, TypeName))
        {
            edit.AppendType(unit, Declaration);
            foreach (var namespaceName in Namespaces)
            {
                edit.Imports(namespaceName);
            }
        }

        var tagArgument = tags.Count == 0 ? string.Empty : ", tags: new[] { " + string.Join(", ", tags.Select(tag => SymbolDisplay.FormatLiteral(tag, quote: true))) + " }";
        site.AddServices(edit, $"AddHealthChecks().AddCheck<{TypeName}>(\"{ReadinessGateProperties.StoppingCheckName}\"{tagArgument})");
        return new PlannedEdit(document, edit);
    }
}
