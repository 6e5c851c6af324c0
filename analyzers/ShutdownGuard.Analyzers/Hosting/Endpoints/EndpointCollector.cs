using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// Collects the app's endpoints, health checks and the code that reacts to stopping while the compilation is analysed,
/// and builds the <see cref="EndpointModel"/> at compilation end. Register at compilation start, build in a
/// compilation end action.
/// </summary>
internal sealed class EndpointCollector
{
    /// <summary>How many callers deep a route builder parameter is traced back to the app.</summary>
    private const int MaxCallerDepth = 8;

    /// <summary>How many routes one mapping may expand to through its method's callers.</summary>
    private const int MaxRoutesPerMapping = 64;

    private readonly WellKnownTypes _types;
    private readonly CodeFacts _facts = new();
    private readonly ConcurrentQueue<Mapping> _mappings = new();
    private readonly ConcurrentQueue<HealthCheckRegistration> _checks = new();
    private readonly ConcurrentQueue<UnknownRoutes> _unknown = new();
    private readonly ConcurrentQueue<(ISymbol Parameter, CallSite Site)> _callSites = new();
    private readonly ConcurrentQueue<(string Route, IMethodSymbol Action)> _actions = new();
    private int _mapsControllers;

    private EndpointCollector(WellKnownTypes types)
    {
        _types = types;
    }

    /// <summary>Registers what is read from declarations (bodies come through <see cref="OperationWalk.Register"/>); null when
    /// the compilation references no routing.</summary>
    public static EndpointCollector? Register(CompilationStartAnalysisContext context, WellKnownTypes types)
    {
        if (!types.ReferencesRouting)
        {
            return null;
        }

        var collector = new EndpointCollector(types);
        context.RegisterSymbolAction(collector.OnNamedType, SymbolKind.NamedType);
        return collector;
    }

    /// <summary>
    /// The model of everything collected, in the environments the program runs in (see <see cref="EnvironmentCondition.Holds(ImmutableArray{string})"/>):
    /// what is mapped or registered only elsewhere is left out; what may or may not be there makes the routes, the checks
    /// an endpoint runs and its gate unknown. Call once the compilation has been analysed (compilation end).
    /// </summary>
    public EndpointModel Build(ImmutableArray<string?> environments, CancellationToken cancellationToken)
    {
        var gates = _facts.Freeze(_types);
        cancellationToken.ThrowIfCancellationRequested();

        var checks = _checks
            .Where(check => check.Condition.Holds(environments) != false)
            .Select(check => check.Implementation is { } unit ? check.WithGate(gates.IsGated(unit, out _)) : check)
            .OrderBy(check => check.Location, LocationOrder.Instance)
            .ToImmutableArray();
        var callers = _callSites.ToLookup(site => site.Parameter, site => site.Site, SymbolEqualityComparer.Default);
        var unknown = _unknown.Where(item => item.Condition.Holds(environments) != false).ToList();

        var endpoints = new List<MappedEndpoint>();
        foreach (var mapping in _mappings.OrderBy(mapping => mapping.Location, LocationOrder.Instance))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var routes = Prefixes(mapping.RouteBase, mapping.Condition, callers)
                .Select(prefix => (Route: RouteTemplate.Combine(prefix.Prefix, mapping.Template), Exists: prefix.Condition.Holds(environments)))
                .Where(route => route.Exists != false)
                .Distinct()
                .Take(MaxRoutesPerMapping);
            foreach (var (route, exists) in routes)
            {
                if (exists is null)
                {
                    endpoints.Add(MappedEndpoint.MayNotExist(route, mapping.Location, mapping.Kind));
                    unknown.Add(new UnknownRoutes(UnknownRoutesReason.EnvironmentCondition, mapping.Location, "an endpoint is mapped under an environment condition that cannot be evaluated", EnvironmentCondition.Always));
                    continue;
                }

                endpoints.Add(mapping.Predicate is { } predicate ? HealthEndpoint(mapping, route, predicate, checks, environments, gates) : HandlerEndpoint(route, mapping.Location, mapping.Kind, mapping.Handler, gates));
            }
        }

        if (Volatile.Read(ref _mapsControllers) == 1)
        {
            foreach (var (route, action) in _actions.OrderBy(pair => pair.Action.Locations[0], LocationOrder.Instance).ThenBy(pair => pair.Route, System.StringComparer.Ordinal))
            {
                endpoints.Add(HandlerEndpoint(route, action.Locations[0], EndpointKind.ControllerAction, EndpointHandler.ForMethod(action, inProject: true), gates));
            }
        }

        return new EndpointModel(endpoints.ToImmutableArray(), checks, unknown.OrderBy(item => item.Location, LocationOrder.Instance).ToImmutableArray(), gates.StoppingFlags);
    }

    /// <summary>The methods whose code decides whether an endpoint or a check is gated: handlers given as methods,
    /// controller actions, health check implementations.</summary>
    public IEnumerable<IMethodSymbol> HandlerMethods() =>
        _mappings.Select(mapping => mapping.Handler?.Unit?.Method)
            .Concat(_checks.Select(check => check.Implementation?.Method))
            .Concat(_actions.Select(action => action.Action))
            .OfType<IMethodSymbol>();

    /// <summary>One operation of a body (see <see cref="OperationWalk"/>); <paramref name="containingSymbol"/> owns the body.</summary>
    /// <param name="inFunction">The operation lies in a lambda or local function of the body.</param>
    public void Read(IOperation operation, ISymbol containingSymbol, bool inFunction)
    {
        switch (operation.Kind)
        {
            case OperationKind.Invocation:
                OnInvocation((IInvocationOperation)operation, containingSymbol);
                break;
            case OperationKind.FieldReference or OperationKind.PropertyReference:
                FactReader.OnMemberReference((IMemberReferenceOperation)operation, containingSymbol, _types, _facts);
                break;
            case OperationKind.MethodReference:
                FactReader.OnMethodReference((IMethodReferenceOperation)operation, containingSymbol, _types, _facts);
                break;
            // Outside a lambda or local function a local is not captured: nothing to record.
            case OperationKind.LocalReference when inFunction:
                FactReader.OnLocalReference((ILocalReferenceOperation)operation, containingSymbol, _facts);
                break;
        }
    }

    private void OnInvocation(IInvocationOperation invocation, ISymbol containingSymbol)
    {
        FactReader.OnInvocation(invocation, containingSymbol, _types, _facts);
        if (MappingReader.TryRead(invocation, _types, out var mapping, out var unknown, out var mapsControllers))
        {
            if (mapping is not null)
            {
                _mappings.Enqueue(mapping);
            }

            if (unknown is not null)
            {
                _unknown.Enqueue(unknown);
            }

            if (mapsControllers)
            {
                Interlocked.Exchange(ref _mapsControllers, 1);
            }

            return;
        }

        if (RegistrationReader.TryRead(invocation, _types) is { } registration)
        {
            _checks.Enqueue(registration);
            return;
        }

        if ((_types.Referenced.Of(invocation) & ReferencedCode.Reach.HealthChecks) != 0)
        {
            _checks.Enqueue(HealthCheckRegistration.Unseen(OperationTree.CallLocation(invocation)));
        }

        FollowBuilders(invocation);
    }

    /// <summary>The app handed to a method: inside the project its mappings get the caller's prefix; outside it, they are unknown.</summary>
    private void FollowBuilders(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var inProject = _types.InProject(method);
        if (!inProject && WellKnownTypes.IsFramework(method.ContainingAssembly))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null || argument.ArgumentKind == ArgumentKind.DefaultValue || !_types.IsRouteBuilder(argument.Value.Type ?? argument.Parameter.Type))
            {
                continue;
            }

            if (!inProject)
            {
                _unknown.Enqueue(new UnknownRoutes(
                    UnknownRoutesReason.BuilderLeavesProject,
                    invocation.Syntax.GetLocation(),
                    method.Name + " receives the app but is defined outside the project, in " + method.ContainingAssembly?.Name,
                    EnvironmentConditionReader.Guard(invocation, _types)));
                return;
            }

            var routeBase = RouteBase.Of(argument.Value, _types);
            var guard = EnvironmentConditionReader.Guard(invocation, _types);
            if (routeBase.IsKnown)
            {
                _callSites.Enqueue((argument.Parameter.OriginalDefinition, new CallSite(routeBase, guard)));
            }
            else
            {
                _unknown.Enqueue(new UnknownRoutes(UnknownRoutesReason.NonConstantRoute, invocation.Syntax.GetLocation(), "a route group passed to " + method.Name + " has a prefix that is not a compile-time constant", guard));
            }
        }
    }

    private void OnNamedType(SymbolAnalysisContext context)
    {
        foreach (var action in ControllerReader.Read((INamedTypeSymbol)context.Symbol, _types))
        {
            _actions.Enqueue(action);
        }
    }

    /// <summary>The prefixes a route base stands for, following a parameter back to every caller in the project, each
    /// with the environments its calls run in.</summary>
    private static IEnumerable<(string Prefix, EnvironmentCondition Condition)> Prefixes(RouteBase routeBase, EnvironmentCondition condition, ILookup<ISymbol, CallSite> callers, int depth = 0)
    {
        if (routeBase.Parameter is not { } parameter || depth >= MaxCallerDepth || !callers.Contains(parameter))
        {
            // A method nobody in the project calls is called by the framework (Startup.Configure) with the app itself.
            yield return (routeBase.Prefix!, condition);
            yield break;
        }

        foreach (var caller in callers[parameter])
        {
            foreach (var prefix in Prefixes(routeBase.Under(caller.Argument), condition.And(caller.Condition), callers, depth + 1))
            {
                yield return prefix;
            }
        }
    }

    private static MappedEndpoint HandlerEndpoint(string route, Location location, EndpointKind kind, EndpointHandler? handler, ShutdownGates gates)
    {
        bool? isGated = null;
        var flags = ImmutableArray<ISymbol>.Empty;
        if (handler?.Unit is { } unit)
        {
            isGated = gates.IsGated(unit, out flags);
        }

        return new MappedEndpoint(route, location, kind, handler, predicate: null, checks: default, isGated, flags);
    }

    /// <summary>A health-check endpoint is gated when a check it surely runs is gated; unknown when one it may run might be.
    /// A check registered only in some of the environments may run.</summary>
    private static MappedEndpoint HealthEndpoint(
        Mapping mapping, string route, HealthCheckPredicate predicate, ImmutableArray<HealthCheckRegistration> checks, ImmutableArray<string?> environments, ShutdownGates gates)
    {
        var selected = ImmutableArray.CreateBuilder<HealthCheckRegistration>();
        var selectionKnown = true;
        bool? isGated = false;
        var flags = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var check in checks)
        {
            var selects = predicate.Selects(check);
            if (selects == true && check.Condition.Holds(environments) is null)
            {
                selects = null;
            }

            selectionKnown &= selects.HasValue;
            if (selects == false)
            {
                continue;
            }

            if (selects == true)
            {
                selected.Add(check);
                if (check.Implementation is { } unit && gates.IsGated(unit, out var read))
                {
                    flags.UnionWith(read);
                }
            }

            if (selects == true && check.IsGated == true)
            {
                isGated = true;
            }
            else if (isGated == false && check.IsGated != false)
            {
                isGated = null;
            }
        }

        return new MappedEndpoint(
            route,
            mapping.Location,
            mapping.Kind,
            null,
            predicate,
            selectionKnown ? selected.ToImmutable() : default,
            isGated,
            flags.OrderBy(flag => flag.ToDisplayString(), System.StringComparer.Ordinal).ToImmutableArray());
    }

    /// <summary>A call in the project that hands a route builder to a method of the project.</summary>
    private readonly struct CallSite
    {
        public CallSite(RouteBase argument, EnvironmentCondition condition)
        {
            Argument = argument;
            Condition = condition;
        }

        public RouteBase Argument { get; }

        /// <summary>The environments the call runs in.</summary>
        public EnvironmentCondition Condition { get; }
    }
}
