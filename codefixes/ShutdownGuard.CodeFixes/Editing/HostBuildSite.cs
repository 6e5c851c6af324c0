using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShutdownGuard.CodeFixes.Editing;

/// <summary>How the builder that builds the host is configured.</summary>
internal enum BuilderKind
{
    /// <summary><c>WebApplicationBuilder</c>, <c>HostApplicationBuilder</c>: a variable with a <c>Services</c> property.</summary>
    Services,

    /// <summary><c>IHostBuilder</c>: a chain configured with <c>ConfigureServices</c>, <c>ConfigureHostOptions</c>.</summary>
    HostBuilder,

    /// <summary>The legacy <c>IWebHostBuilder</c>.</summary>
    WebHostBuilder,
}

/// <summary>The host's <c>builder.Build()</c> call, where host-level diagnostics stand and where fixes configure the host.</summary>
internal sealed class HostBuildSite
{
    public const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";

    private HostBuildSite(BuilderKind kind, InvocationExpressionSyntax build, MemberAccessExpressionSyntax access, StatementSyntax? statement)
    {
        Kind = kind;
        Build = build;
        Access = access;
        Statement = statement;
    }

    public BuilderKind Kind { get; }

    public InvocationExpressionSyntax Build { get; }

    public MemberAccessExpressionSyntax Access { get; }

    /// <summary>The statement that builds (top-level or in a block); null inside an expression-bodied member.</summary>
    public StatementSyntax? Statement { get; }

    /// <summary>The variable the built app is stored in (<c>var app = builder.Build();</c>), if any.</summary>
    public string? AppVariable => Statement is LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } ? variables[0].Identifier.ValueText : null;

    /// <summary>The site at a diagnostic that stands on <c>Build()</c>; null when the builder cannot be configured safely.</summary>
    public static HostBuildSite? Find(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } access } build
            || semanticModel.GetTypeInfo(access.Expression, cancellationToken).Type is not { } receiverType)
        {
            return null;
        }

        var statement = build.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } candidate ? candidate : null;
        if (Implements(receiverType, "Microsoft.AspNetCore.Hosting.IWebHostBuilder"))
        {
            return new HostBuildSite(BuilderKind.WebHostBuilder, build, access, statement);
        }

        if (Implements(receiverType, "Microsoft.Extensions.Hosting.IHostBuilder"))
        {
            return new HostBuildSite(BuilderKind.HostBuilder, build, access, statement);
        }

        // A statement before the one that builds must name the same builder: an expression with side effects must not
        // be evaluated twice.
        return access.Expression is IdentifierNameSyntax && receiverType.GetMembers("Services").Any() && statement is not null
            ? new HostBuildSite(BuilderKind.Services, build, access, statement)
            : null;
    }

    /// <summary><c>receiver.Method(argument).Build()</c>: the line break before <c>.Build()</c>, if any, stays where it was.
    /// Several calls chain in the order they are added.</summary>
    public CSharpEdit ChainBefore(CSharpEdit edit, string method, ExpressionSyntax argument) =>
        edit.Rewrite(Build, build =>
        {
            var access = (MemberAccessExpressionSyntax)build.Expression;
            var receiver = access.Expression;
            var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(CSharpEdit.Ours(argument)))));
            return build.WithExpression(access.WithExpression(call.WithTrailingTrivia(receiver.GetTrailingTrivia())));
        });

    /// <summary>Registers services: <c>builder.Services.X;</c> before the build, or <c>.ConfigureServices(services => services.X)</c>.</summary>
    /// <param name="registration">The call on the service collection, e.g. <c>AddSingleton&lt;global::App.Drain&gt;()</c>.</param>
    public CSharpEdit AddServices(CSharpEdit edit, string registration)
    {
        edit.Imports(DependencyInjectionNamespace);
        return Kind == BuilderKind.Services
            ? edit.InsertBefore(Statement!, SyntaxFactory.ParseStatement($"{((IdentifierNameSyntax)Access.Expression).Identifier.ValueText}.Services.{registration};"))
            : ChainBefore(edit, "ConfigureServices", SyntaxFactory.ParseExpression($"services => services.{registration}"));
    }

    private static bool Implements(ITypeSymbol type, string metadataName) =>
        Matches(type, metadataName) || type.AllInterfaces.Any(candidate => Matches(candidate, metadataName));

    private static bool Matches(ITypeSymbol type, string metadataName) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;
}
