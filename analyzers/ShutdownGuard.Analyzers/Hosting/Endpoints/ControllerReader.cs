using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// The attribute routes of a controller's actions, combined as MVC does: each controller route with each action route,
/// an action route starting with <c>/</c> or <c>~/</c> standing alone, <c>[controller]</c>, <c>[action]</c> and
/// <c>[area]</c> replaced. Actions without any attribute route are served by conventional routes only.
/// </summary>
internal static class ControllerReader
{
    public static IEnumerable<(string Route, IMethodSymbol Action)> Read(INamedTypeSymbol type, WellKnownTypes types)
    {
        if (!IsController(type, types))
        {
            yield break;
        }

        var controllerName = WithoutSuffix(type.Name, "Controller");
        var area = Area(type, types);
        var controllerRoutes = ControllerTemplates(type, types);
        foreach (var action in Actions(type, types))
        {
            var actionName = WithoutSuffix(action.Name, "Async");
            var actionRoutes = Templates(action, types);
            if (actionRoutes.Count == 0 && controllerRoutes.Count == 0)
            {
                continue;
            }

            foreach (var route in Combine(controllerRoutes, actionRoutes))
            {
                yield return (RouteTemplate.Normalize(ReplaceTokens(route, controllerName, actionName, area)), action);
            }
        }
    }

    /// <summary>MVC's rule: a public, non-abstract, non-generic class named <c>…Controller</c> or carrying <c>[Controller]</c>
    /// (<c>ControllerBase</c> and <c>[ApiController]</c> carry it), without <c>[NonController]</c>.</summary>
    private static bool IsController(INamedTypeSymbol type, WellKnownTypes types)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType || type.DeclaredAccessibility != Accessibility.Public
            || types.ControllerAttribute is null)
        {
            return false;
        }

        return (type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase) || HasAttribute(type, types.ControllerAttribute, inherited: true))
            && !HasAttribute(type, types.NonControllerAttribute, inherited: true);
    }

    /// <summary>Public instance methods declared by the controller or its base classes in the project.</summary>
    private static IEnumerable<IMethodSymbol> Actions(INamedTypeSymbol type, WellKnownTypes types)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && types.InProject(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsAbstract: false } method
                    && !HasAttribute(method, types.NonActionAttribute, inherited: false)
                    && seen.Add(method.Name + "/" + method.Parameters.Length))
                {
                    yield return method;
                }
            }
        }
    }

    /// <summary>The controller's own routes, else those of the nearest base class that has any (route attributes are inherited).</summary>
    private static List<string> ControllerTemplates(INamedTypeSymbol type, WellKnownTypes types)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var templates = Templates(current, types);
            if (templates.Count > 0)
            {
                return templates;
            }
        }

        return new List<string>();
    }

    /// <summary>The templates of the route attributes (<c>[Route]</c>, <c>[HttpGet("…")]</c>); <c>[HttpGet]</c> alone
    /// names a verb, not a route.</summary>
    private static List<string> Templates(ISymbol symbol, WellKnownTypes types)
    {
        var templates = new List<string>();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!types.IsOrImplements(attribute.AttributeClass, types.IRouteTemplateProvider))
            {
                continue;
            }

            if (Template(attribute) is { } template)
            {
                templates.Add(template);
            }
        }

        return templates;
    }

    private static string? Template(AttributeData attribute)
    {
        var constructor = attribute.AttributeConstructor;
        for (var index = 0; constructor is not null && index < constructor.Parameters.Length && index < attribute.ConstructorArguments.Length; index++)
        {
            if (constructor.Parameters[index].Name == "template" && attribute.ConstructorArguments[index].Value is string template)
            {
                return template;
            }
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key is "Route" or "Template" && named.Value.Value is string template)
            {
                return template;
            }
        }

        return null;
    }

    private static IEnumerable<string> Combine(List<string> controllerRoutes, List<string> actionRoutes)
    {
        if (actionRoutes.Count == 0)
        {
            foreach (var controller in controllerRoutes)
            {
                yield return controller;
            }

            yield break;
        }

        foreach (var action in actionRoutes)
        {
            if (RouteTemplate.IsAbsolute(action) || controllerRoutes.Count == 0)
            {
                yield return action;
                continue;
            }

            foreach (var controller in controllerRoutes)
            {
                yield return RouteTemplate.Combine(controller, action);
            }
        }
    }

    private static string ReplaceTokens(string template, string controller, string action, string? area)
    {
        var replaced = Replace(template, "[controller]", controller);
        replaced = Replace(replaced, "[action]", action);
        return area is null ? replaced : Replace(replaced, "[area]", area);
    }

    private static string Replace(string text, string token, string value)
    {
        for (var index = text.IndexOf(token, StringComparison.OrdinalIgnoreCase); index >= 0; index = text.IndexOf(token, index + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(0, index) + value + text.Substring(index + token.Length);
        }

        return text;
    }

    private static string? Area(INamedTypeSymbol type, WellKnownTypes types)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (WellKnownTypes.DerivesFrom(attribute.AttributeClass, types.AreaAttribute)
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string area)
                {
                    return area;
                }
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType, bool inherited)
    {
        if (attributeType is null)
        {
            return false;
        }

        // object carries none of them.
        for (var current = symbol; current is not null and not ITypeSymbol { SpecialType: SpecialType.System_Object }; current = inherited ? (current as INamedTypeSymbol)?.BaseType : null)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (WellKnownTypes.DerivesFrom(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string WithoutSuffix(string name, string suffix) =>
        name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - suffix.Length) : name;
}
