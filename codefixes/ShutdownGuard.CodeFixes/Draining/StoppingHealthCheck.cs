using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Rules.Draining;

namespace ShutdownGuard.CodeFixes.Draining;

/// <summary>
/// Gates a health-check endpoint: a check that fails once the app is stopping (added as a file of its own unless the
/// project has it), registered with the tags the endpoint's predicate selects and no liveness endpoint does.
/// </summary>
internal static class StoppingHealthCheck
{
    public const string TypeName = "StoppingHealthCheck";

    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Hosting;

        """;

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

    /// <summary>Adds the check (once) and registers it before the host's <c>Build()</c> at <paramref name="buildSpan"/>.</summary>
    public static async Task<Solution?> AddAsync(Document document, TextSpan buildSpan, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || compilation is null)
        {
            return null;
        }

        // The type exists before the registration is written, so that its name simplifies.
        var namespaceName = NewDocument.NamespaceOf(root);
        var solution = document.Project.Solution;
        if (!NewDocument.Declares(compilation, TypeName))
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            solution = NewDocument.Add(solution, document, TypeName + ".cs", Usings, namespaceName, Declaration, NewDocument.LineBreakOf(text));
            document = solution.GetDocument(document.Id)!;
        }

        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null || HostBuildSite.Find(root.FindNode(buildSpan, getInnermostNodeForTie: true), semanticModel, cancellationToken) is not { } site)
        {
            return null;
        }

        // The new file is in the namespace of the file that builds the host, so the simple name binds there.
        const string typeName = TypeName;
        var tagArgument = tags.Count == 0 ? string.Empty : ", tags: new[] { " + string.Join(", ", tags.Select(tag => SymbolDisplay.FormatLiteral(tag, quote: true))) + " }";
        var edit = site.AddServices(new CSharpEdit(), $"AddHealthChecks().AddCheck<{typeName}>(\"{ReadinessGateRule.StoppingCheckName}\"{tagArgument})");
        return (await edit.ApplyAsync(document, cancellationToken).ConfigureAwait(false)).Project.Solution;
    }
}
