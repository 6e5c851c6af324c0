using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShutdownGuard.CodeFixes.Editing;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.CodeFixes.Budget;

/// <summary>The edit that sets ShutdownTimeout to a number of seconds.</summary>
internal static class HostOptionsSetting
{
    /// <summary>Rewrites the value that code sets.</summary>
    public static CSharpEdit? Replace(CSharpEdit edit, SyntaxNode value, string form, int seconds)
    {
        if (value is not ExpressionSyntax expression)
        {
            return null;
        }

        var replacement = form == nameof(TimeoutSettingKind.UseSetting)
            ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(seconds.ToString(CultureInfo.InvariantCulture)))
            : TimeSpanFromSeconds(edit, seconds);
        return edit.Replace(expression, CSharpEdit.Ours(replacement).WithTriviaFrom(expression));
    }

    /// <summary>Sets the value where the default applies, the way the builder in use expects; the diagnostic stands on <c>Build()</c>.</summary>
    public static CSharpEdit? Insert(SyntaxNode node, SemanticModel semanticModel, int seconds, CancellationToken cancellationToken) =>
        HostBuildSite.Find(node, semanticModel, cancellationToken) is { } site ? Insert(new CSharpEdit(), site, seconds) : null;

    public static CSharpEdit Insert(CSharpEdit edit, HostBuildSite site, int seconds) => site.Kind switch
    {
        BuilderKind.WebHostBuilder => site.ChainBefore(edit, "UseShutdownTimeout", TimeSpanFromSeconds(edit, seconds)),
        BuilderKind.HostBuilder => site.ChainBefore(edit.Imports("System"), "ConfigureHostOptions", SyntaxFactory.ParseExpression($"options => options.ShutdownTimeout = TimeSpan.FromSeconds({seconds})")),
        _ => site.AddServices(edit.Imports("System").Imports("Microsoft.Extensions.Hosting"), $"Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds({seconds}))"),
    };

    private static ExpressionSyntax TimeSpanFromSeconds(CSharpEdit edit, int seconds)
    {
        edit.Imports("System");
        return SyntaxFactory.ParseExpression($"TimeSpan.FromSeconds({seconds})");
    }
}
