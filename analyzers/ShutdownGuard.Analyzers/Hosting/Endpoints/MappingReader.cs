using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>Reads the framework's mapping calls: minimal APIs, health checks, and the calls that hide routes.</summary>
internal static class MappingReader
{
    /// <summary>What a framework call maps; false when it is not a mapping call.</summary>
    public static bool TryRead(IInvocationOperation invocation, WellKnownTypes types, out Mapping? mapping, out UnknownRoutes? unknown, out bool mapsControllers)
    {
        mapping = null;
        unknown = null;
        mapsControllers = false;
        var method = invocation.TargetMethod;
        var name = method.Name;
        if (!name.StartsWith("Map", System.StringComparison.Ordinal) && !name.StartsWith("Use", System.StringComparison.Ordinal) && name != "Run")
        {
            return false;
        }

        if (types.InProject(method) || !WellKnownTypes.IsFramework(method.ContainingAssembly))
        {
            return false;
        }

        var location = invocation.Syntax.GetLocation();
        var guard = EnvironmentConditionReader.Guard(invocation, types);
        switch (name)
        {
            case "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods":
                mapping = Read(invocation, types, guard, "pattern", defaultTemplate: null, EndpointKind.MinimalApi, out unknown);
                return true;
            case "Map" when method.Parameters.Length > 0 && WellKnownTypes.Is(method.Parameters[0].Type, types.IApplicationBuilder):
                unknown = new UnknownRoutes(UnknownRoutesReason.Branch, location, "app.Map(path, branch) serves a branch of its own", guard);
                return true;
            case "Map":
                mapping = Read(invocation, types, guard, "pattern", defaultTemplate: null, EndpointKind.MinimalApi, out unknown);
                return true;
            case "MapFallback" or "MapFallbackToFile" or "MapFallbackToPage" or "MapFallbackToController" or "MapFallbackToAreaPage" or "MapFallbackToAreaController":
                // Without a pattern a fallback takes every path no other endpoint takes.
                mapping = Read(invocation, types, guard, "pattern", "/{*path}", EndpointKind.MinimalApi, out unknown);
                return true;
            case "MapHealthChecks":
                mapping = Read(invocation, types, guard, "pattern", defaultTemplate: null, EndpointKind.HealthChecks, out unknown);
                return true;
            case "UseHealthChecks":
                mapping = Read(invocation, types, guard, "path", defaultTemplate: null, EndpointKind.HealthChecksMiddleware, out unknown);
                return true;
            case "UsePathBase":
                unknown = new UnknownRoutes(UnknownRoutesReason.PathBase, location, "UsePathBase serves every route under a base path as well", guard);
                return true;
            case "MapControllers":
                mapsControllers = true;
                return true;
            case "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute" or "UseMvc" or "UseMvcWithDefaultRoute":
                mapsControllers = true;
                unknown = new UnknownRoutes(UnknownRoutesReason.Conventions, location, name + " maps controllers by convention", guard);
                return true;
            case "MapRazorPages":
                unknown = new UnknownRoutes(UnknownRoutesReason.Conventions, location, "MapRazorPages maps routes from page files", guard);
                return true;
            case "UseMiddleware":
            case "Use" or "Run" or "MapWhen" or "UseWhen" when method.Parameters.Any(parameter => parameter.Type.TypeKind == TypeKind.Delegate):
                // WebApplication.Run(url) starts the app; Run(RequestDelegate) answers every path that reaches it.
                unknown = new UnknownRoutes(UnknownRoutesReason.Middleware, location, name + " adds middleware that can answer any path", guard);
                return true;
            default:
                return false;
        }
    }

    private static Mapping? Read(IInvocationOperation invocation, WellKnownTypes types, EnvironmentCondition guard, string templateParameter, string? defaultTemplate, EndpointKind kind, out UnknownRoutes? unknown)
    {
        unknown = null;
        var location = invocation.Syntax.GetLocation();
        var routeBase = RouteBase.Of(OperationTree.Receiver(invocation), types);
        var argument = OperationTree.Argument(invocation, templateParameter);
        var template = argument is null ? defaultTemplate : (OperationTree.Source(argument.Value) ?? argument.Value).ConstantValue is { HasValue: true, Value: string text } ? text : null;
        if (!routeBase.IsKnown || template is null)
        {
            unknown = new UnknownRoutes(UnknownRoutesReason.NonConstantRoute, location, "the route of " + invocation.TargetMethod.Name + " is not a compile-time constant", guard);
            return null;
        }

        var handler = kind == EndpointKind.MinimalApi ? EndpointHandler.From(Handler(invocation), types) : null;
        var predicate = kind == EndpointKind.MinimalApi ? null : PredicateReader.Read(invocation);
        return new Mapping(routeBase, template, kind, location, handler, predicate, guard);
    }

    /// <summary>The delegate argument (<c>handler</c>, <c>requestDelegate</c>).</summary>
    private static IOperation? Handler(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is { TypeKind: TypeKind.Delegate } or { SpecialType: SpecialType.System_Delegate })
            {
                return argument.Value;
            }
        }

        return null;
    }
}
