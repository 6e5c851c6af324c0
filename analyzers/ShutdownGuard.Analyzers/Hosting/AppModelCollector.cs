using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShutdownGuard.Hosting.Endpoints;
using ShutdownGuard.Text;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Collects the <see cref="AppModel"/> while the compilation's code is analysed. Create it at compilation start, call
/// <see cref="Register"/> and <see cref="OperationWalk.Register"/>, and at compilation end
/// <see cref="OperationWalk.ReadReachedBodies"/> and <see cref="ToModel"/>. Values are folded at the end, when every
/// <c>static readonly</c> field and builder-returning method of the project has been seen.
/// </summary>
internal sealed class AppModelCollector
{
    private readonly WellKnownTypes _types;
    private readonly HostingVersion _version;
    private readonly HostStyleResolver _styles;

    private readonly object _gate = new();
    private readonly List<PendingBuild> _builds = new();
    private readonly List<PendingSetting> _settings = new();
    private readonly List<PendingDelay> _lifetimeDelays = new();
    private readonly List<Location> _referencedDelays = new();
    private readonly List<PendingListen> _listens = new();
    private readonly Dictionary<IMethodSymbol, StyleTrace> _builderMethods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IFieldSymbol, IOperation> _staticReadonlyFields = new(SymbolEqualityComparer.Default);
    private readonly List<(INamedTypeSymbol Service, IgnoredStoppingToken Loop)> _tokenIgnoringLoops = new();
    private readonly HashSet<INamedTypeSymbol> _servicesStoppingInStopAsync = new(SymbolEqualityComparer.Default);
    private readonly List<IOperation> _environmentNames = new();

    // A callback registered in several places runs wherever one of the registrations does: the call graph carries the
    // guard of each registration to the delays it reaches.
    private readonly StoppingCode<PendingDelay> _stopping = new();
    private ShutdownObservers _observers;

    public AppModelCollector(Compilation compilation, WellKnownTypes types)
    {
        _types = types;
        _version = HostingVersion.Read(compilation, types.HostOptions);
        _styles = new HostStyleResolver(types);
    }

    private enum ValueForm
    {
        /// <summary>A <c>TimeSpan</c> assigned to <c>HostOptions.ShutdownTimeout</c>.</summary>
        TimeSpan,

        /// <summary>A <c>TimeSpan</c> written to configuration in whole seconds.</summary>
        WholeSeconds,

        /// <summary>A string of digits written to configuration.</summary>
        SecondsText,

        /// <summary>An <c>int</c> of milliseconds.</summary>
        Milliseconds,

        /// <summary>A configuration section that <c>HostOptions</c> is bound from.</summary>
        Section,

        /// <summary>The path of a configuration section that <c>HostOptions</c> is bound from.</summary>
        SectionPath,
    }

    /// <summary>How an address setting's value is written.</summary>
    private enum ListenForm
    {
        /// <summary>A string, or the strings of a <c>params</c> array joined with <c>;</c> as <c>UseUrls</c> does.</summary>
        Text,

        /// <summary>An <c>int</c> port.</summary>
        Port,

        /// <summary>Nothing the analysis can read: the setting makes the addresses unknown.</summary>
        Unknown,
    }

    /// <summary>Registers what is read from declarations; bodies come through <see cref="OperationWalk.Register"/>.</summary>
    public void Register(CompilationStartAnalysisContext context)
    {
        context.RegisterSymbolAction(OnNamedType, SymbolKind.NamedType);
    }

    /// <summary>A host is built somewhere in the code read so far.</summary>
    public bool SawHostBuild
    {
        get
        {
            lock (_gate)
            {
                return _builds.Count > 0;
            }
        }
    }

    public AppModel ToModel()
    {
        lock (_gate)
        {
            var folder = new ConstantFolder(_types, _staticReadonlyFields);
            var builds = _builds
                .Select(build => new HostBuild(build.Trace.Resolve(_builderMethods), build.Location));
            var settings = _settings.Select(setting => ToSetting(folder, setting));
            var hostBuilds = InSourceOrder(builds, build => build.Location);
            Delay ToDelay(PendingDelay delay, DelayKind kind, EnvironmentCondition reached) =>
                new(kind, delay.InLoop || delay.Duration is null ? null : Fold(folder, delay.Duration, delay.Form), delay.Location, delay.Condition.And(reached));
            var stopping = _stopping.Resolve(ToDelay, hostBuilds);

            // Code outside the project that may react to shutdown may delay it, for an unknown time, in unknown environments.
            var referencedDelays = _referencedDelays.Select(location => new Delay(DelayKind.StoppingAsync, seconds: null, location, EnvironmentCondition.Unknown));
            return new AppModel(
                hostBuilds,
                InSourceOrder(settings, setting => setting.Location),
                InSourceOrder(stopping.InAppDelays.Concat(referencedDelays), delay => delay.Location),
                InSourceOrder(stopping.LostDelays, lost => lost.Callback),
                InSourceOrder(_lifetimeDelays.Select(delay => ToDelay(delay, DelayKind.HostLifetime, EnvironmentCondition.Always)), delay => delay.Location),
                InSourceOrder(
                    _tokenIgnoringLoops.Where(item => !_servicesStoppingInStopAsync.Contains(item.Service)).Select(item => item.Loop),
                    loop => loop.Location),
                _observers,
                _version,
                _environmentNames.Select(folder.String).ToImmutableArray(),
                InSourceOrder(_listens.Select(listen => new ListenSetting(listen.Kind, FoldListen(folder, listen), listen.Location, listen.Description)), listen => listen.Location),
                InSourceOrder(stopping.LateStopDelays, delay => delay.Location));
        }
    }

    /// <summary>A constant value, or one the code reads from configuration (folded again for each container).</summary>
    private static TimeoutSetting ToSetting(ConstantFolder folder, PendingSetting setting)
    {
        ConfiguredValue? configured;
        double? seconds = null;
        if (setting.Form is ValueForm.Section or ValueForm.SectionPath)
        {
            var path = setting.Form == ValueForm.Section ? folder.ConfigurationPath(setting.Value) : folder.String(setting.Value);
            var key = path is null ? null : ConstantFolder.ConfigurationKey(path, "ShutdownTimeout");
            configured = key is null ? null : new ConfiguredValue(
                reads => reads.TryRead(key, environmentOnly: false, out var text) && ConstantFolder.ParseTimeSpan(text) is { } ticks ? ConstantFolder.Seconds(ticks) : null,
                setOnlyWhenFound: true);
        }
        else
        {
            var reads = new ConfigurationReads(configuration: null);
            seconds = Fold(folder.Reading(reads), setting.Value, setting.Form);
            configured = reads.Any ? new ConfiguredValue(values => Fold(folder.Reading(values), setting.Value, setting.Form), setOnlyWhenFound: false) : null;
        }

        return new TimeoutSetting(setting.Kind, configured is null ? seconds : null, configured, setting.Order, setting.Location, setting.Description, setting.Condition);
    }


    private static string? FoldListen(ConstantFolder folder, PendingListen listen) => listen.Form switch
    {
        ListenForm.Port => folder.Integer(listen.Value!)?.ToString(CultureInfo.InvariantCulture),
        ListenForm.Text when OperationTree.Strip(listen.Value!) is IArrayCreationOperation { Initializer: { } items } =>
            items.ElementValues.Select(folder.String).ToList() is var urls && urls.All(url => url is not null) ? string.Join(";", urls) : null,
        ListenForm.Text => folder.String(listen.Value!),
        _ => null,
    };

    private static double? Fold(ConstantFolder folder, IOperation value, ValueForm form) => form switch
    {
        ValueForm.TimeSpan => folder.TimeSpanSeconds(value),
        ValueForm.WholeSeconds => folder.WholeSeconds(value),
        ValueForm.Milliseconds => folder.MillisecondsAsSeconds(value),
        _ => int.TryParse(folder.String(value), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null,
    };

    private static ImmutableArray<T> InSourceOrder<T>(IEnumerable<T> items, Func<T, Location> location) => items
        .OrderBy(item => location(item).SourceTree?.FilePath, StringComparer.Ordinal)
        .ThenBy(item => location(item).SourceSpan.Start)
        .ToImmutableArray();

    /// <summary>One operation of a body (see <see cref="OperationWalk"/>); <paramref name="containingSymbol"/> owns the body.</summary>
    public void Read(IOperation operation, ISymbol containingSymbol)
    {
        switch (operation.Kind)
        {
            case OperationKind.Invocation:
                OnInvocation((IInvocationOperation)operation, containingSymbol);
                break;
            case OperationKind.PropertyReference:
                OnPropertyReference((IPropertyReferenceOperation)operation);
                break;
            case OperationKind.SimpleAssignment:
                OnAssignment((ISimpleAssignmentOperation)operation);
                break;
            case OperationKind.ParameterReference:
                OnParameterReference((IParameterReferenceOperation)operation);
                break;
            case OperationKind.FieldInitializer:
                OnFieldInitializer((IFieldInitializerOperation)operation);
                break;
        }
    }

    private void OnInvocation(IInvocationOperation invocation, ISymbol containingSymbol)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Build" when IsHostBuild(method):
                AddBuild(_styles.Trace(OperationTree.Receiver(invocation)), invocation);
                break;
            case "Create" when WellKnownTypes.Is(method.ContainingType, _types.WebApplication):
                AddBuild(StyleTrace.Known(HostStyle.WebApplication), invocation);
                break;
            case "Configure" or "PostConfigure" when ConfiguresHostOptions(invocation):
                // Configure runs in registration order; every PostConfigure runs after it.
                var order = method.Name == "Configure" ? RegistrationOrderOf(invocation) : null;
                AddAssignedTimeouts(invocation, TimeoutSettingKind.ConfigureOptions, method.Name + "<HostOptions>", order);
                if (ConfigurationArgument(invocation) is { } section)
                {
                    AddSetting(TimeoutSettingKind.BindConfiguration, section, ValueForm.Section, method.Name + "<HostOptions>", order);
                }

                break;
            case "Bind" when ConfiguresHostOptions(invocation) && ConfigurationArgument(invocation) is { } bound:
                AddSetting(TimeoutSettingKind.BindConfiguration, bound, ValueForm.Section, "Bind", RegistrationOrderOf(invocation));
                break;
            case "BindConfiguration" when ConfiguresHostOptions(invocation)
                && OperationTree.Argument(invocation, parameter => parameter.Type.SpecialType == SpecialType.System_String)?.Value is { } path:
                AddSetting(TimeoutSettingKind.BindConfiguration, path, ValueForm.SectionPath, "BindConfiguration", RegistrationOrderOf(invocation));
                break;
            case "ConfigureHostOptions":
                AddAssignedTimeouts(invocation, TimeoutSettingKind.ConfigureHostOptions, method.Name, order: null);
                break;
            case "UseShutdownTimeout" when OperationTree.Argument(invocation, parameter => WellKnownTypes.Is(parameter.Type, _types.TimeSpan))?.Value is { } timeout:
                AddSetting(TimeoutSettingKind.UseShutdownTimeout, timeout, ValueForm.WholeSeconds, method.Name);
                break;
            case "UseSetting" when IsKey(invocation, ShutdownTimeoutSources.ConfigurationKey, "ShutdownTimeoutKey") && OperationTree.Argument(invocation, parameter => parameter.Ordinal == 1)?.Value is { } value:
                AddSetting(TimeoutSettingKind.UseSetting, value, ValueForm.SecondsText, $"UseSetting(\"{ShutdownTimeoutSources.ConfigurationKey}\")");
                break;
            case "UseSetting" when IsKey(invocation, "environment", "EnvironmentKey") && OperationTree.Argument(invocation, parameter => parameter.Ordinal == 1)?.Value is { } name:
                AddEnvironmentName(name);
                break;
            case "UseEnvironment" when WellKnownTypes.IsFramework(method.ContainingAssembly) && OperationTree.Argument(invocation, parameter => parameter.Ordinal == 1)?.Value is { } name:
                AddEnvironmentName(name);
                break;
            case "UseSetting" when ListenKey(invocation) is { } kind && OperationTree.Argument(invocation, parameter => parameter.Ordinal == 1)?.Value is { } value:
                AddListen(kind, value, ListenForm.Text, $"UseSetting(\"{kind switch { ListenSettingKind.Urls => ListenAddressSources.UrlsKey, ListenSettingKind.HttpPorts => ListenAddressSources.HttpPortsKey, _ => ListenAddressSources.HttpsPortsKey }}\")", invocation);
                break;
            case "UseUrls" when method.Parameters.Length > 0 && method.Parameters[0].Type is INamedTypeSymbol target && _types.IsOrImplements(target, _types.IWebHostBuilder):
                AddListen(ListenSettingKind.Urls, OperationTree.Argument(invocation, parameter => parameter.IsParams)?.Value, ListenForm.Text, method.Name, invocation);
                break;
            case "Add" when invocation.Instance is { } urls && OperationTree.Strip(urls) is IPropertyReferenceOperation { Property.Name: "Urls" } property
                && WellKnownTypes.Is(property.Property.ContainingType, _types.WebApplication):
                AddListen(ListenSettingKind.Address, OperationTree.Argument(invocation, parameter => parameter.Ordinal == 0)?.Value, ListenForm.Text, "Urls.Add", invocation);
                break;
            case "Run" or "RunAsync" when WellKnownTypes.Is(method.ContainingType, _types.WebApplication)
                && OperationTree.Argument(invocation, parameter => parameter.Name == "url") is { ArgumentKind: not ArgumentKind.DefaultValue } url:
                AddListen(ListenSettingKind.Address, url.Value, ListenForm.Text, method.Name, invocation);
                break;
            case "Listen" or "ListenAnyIP" or "ListenLocalhost" or "ListenUnixSocket" or "ListenNamedPipe" or "ListenHandle" or "Configure"
                when WellKnownTypes.Is(method.ContainingType, _types.KestrelServerOptions):
                AddEndpoint(invocation);
                break;
            case "Register" or "UnsafeRegister" when WellKnownTypes.Is(method.ContainingType, _types.CancellationToken):
                if (StoppingToken.IsRegisteredOn(invocation, _types, out var holder) || holder is not null)
                {
                    AddStoppingCallbacks(invocation, holder);
                }

                break;
            case "Delay" when WellKnownTypes.Is(method.ContainingType, _types.Task):
            case "Sleep" when WellKnownTypes.Is(method.ContainingType, _types.Thread):
                OnDelay(invocation, containingSymbol);
                break;
            case "AddHostedService" when method.TypeArguments.Length == 1:
                _stopping.HostedService(method.TypeArguments[0], HostedServiceOrder.Placement(invocation, containingSymbol, _types), EnvironmentConditionReader.Guard(invocation, _types));
                break;
            case "AddSingleton" when method.TypeArguments.Length == 2 && WellKnownTypes.Is(method.TypeArguments[0], _types.IHostedService):
                _stopping.HostedService(method.TypeArguments[1], HostedServiceOrder.Placement(invocation, containingSymbol, _types), EnvironmentConditionReader.Guard(invocation, _types));
                break;
            // The plumbing of waiting for a task is no work of its own; blocking on a task held somewhere waits for something unknown.
            case "ConfigureAwait" or "GetAwaiter" or "GetResult" or "Wait" when !_types.InProject(method):
                if (method.Name is "GetResult" or "Wait" && BlockedTask(invocation) is { } task && task is not IInvocationOperation && IsTask(task.Type))
                {
                    _stopping.Call(
                        CodeUnit.Containing(invocation, containingSymbol, out _), callee: null, TaskUse.Blocking, OperationTree.CallLocation(invocation), EnvironmentConditionReader.Guard(invocation, _types));
                }

                break;
            default:
                OnCall(invocation, containingSymbol);
                OnReferencedCode(invocation);
                break;
        }
    }

    /// <summary>Code outside the project that is handed the host and may react to shutdown: whether it reacts, and for how
    /// long it keeps the app listening, is unknown.</summary>
    private void OnReferencedCode(IInvocationOperation invocation)
    {
        if ((_types.Referenced.Of(invocation) & ReferencedCode.Reach.ShutdownHandling) != 0)
        {
            Observe(ShutdownObservers.ReferencedCode);
            lock (_gate)
            {
                _referencedDelays.Add(OperationTree.CallLocation(invocation));
            }
        }
    }

    /// <summary><c>EnvironmentName = …</c> on the framework's options, settings or environment.</summary>
    private void OnAssignment(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "EnvironmentName" } property }
            && WellKnownTypes.IsFramework(property.ContainingAssembly))
        {
            AddEnvironmentName(assignment.Value);
        }
    }

    private void OnPropertyReference(IPropertyReferenceOperation reference)
    {
        if (StoppingToken.Is(reference.Property, _types))
        {
            Observe(ShutdownObservers.ApplicationStopping);
            if (StoppingToken.Holder(reference, _types) is { } holder)
            {
                _stopping.HoldsStoppingToken(holder);
            }
        }
    }

    private void OnParameterReference(IParameterReferenceOperation reference)
    {
        var parameter = reference.Parameter;
        if (parameter.ContainingSymbol is IMethodSymbol { Name: "ExecuteAsync", IsOverride: true } method
            && WellKnownTypes.Is(parameter.Type, _types.CancellationToken)
            && Overrides(method, _types.BackgroundService))
        {
            Observe(ShutdownObservers.StoppingToken);
        }
    }

    private void OnFieldInitializer(IFieldInitializerOperation initializer)
    {
        lock (_gate)
        {
            foreach (var field in initializer.InitializedFields)
            {
                if (field is { IsStatic: true, IsReadOnly: true, IsConst: false })
                {
                    _staticReadonlyFields[field.OriginalDefinition] = initializer.Value;
                }
            }
        }
    }

    /// <summary>A body as a whole, once its operations were read: builder methods and stopping code.</summary>
    public void ReadBody(ISymbol owningSymbol, ImmutableArray<IOperation> blocks)
    {
        if (owningSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method)
        {
            return;
        }

        if (method.MethodKind == MethodKind.Ordinary && _types.IsBuilder(method.ReturnType))
        {
            foreach (var block in blocks)
            {
                if (block is IMethodBodyOperation or IBlockOperation)
                {
                    var trace = _styles.Trace(OperationTree.SingleReturnValue(block));
                    lock (_gate)
                    {
                        _builderMethods[method.OriginalDefinition] = trace;
                    }
                }
            }
        }
        else if (_types.Implements(method, _types.IHostedLifecycleService, "StoppingAsync"))
        {
            _stopping.StoppingAsync(CodeUnit.Of(method));
            if (blocks.Any(block => DoesSomething(block, method)))
            {
                Observe(ShutdownObservers.StoppingAsync);
            }
        }
        else if (_types.Implements(method, _types.IHostedService, "StopAsync"))
        {
            _stopping.StopAsync(CodeUnit.Of(method), method.ContainingType);
            if (blocks.Any(block => DoesSomething(block, method)))
            {
                Observe(ShutdownObservers.StopAsync);
                lock (_gate)
                {
                    // Stopping code of its own may end what ExecuteAsync runs (a consumer closed, a channel completed).
                    _servicesStoppingInStopAsync.Add(method.ContainingType.OriginalDefinition);
                }
            }
        }
        else if (method is { Name: "ExecuteAsync", IsOverride: true, Parameters.Length: 1 } && Overrides(method, _types.BackgroundService))
        {
            AddTokenIgnoringLoops(blocks, method);
        }
    }

    private void AddTokenIgnoringLoops(ImmutableArray<IOperation> blocks, IMethodSymbol executeAsync)
    {
        foreach (var block in blocks)
        {
            foreach (var loop in TokenIgnoringLoops.Find(block, executeAsync.Parameters[0], _types))
            {
                var keyword = loop.Syntax.GetFirstToken().GetLocation();
                lock (_gate)
                {
                    _tokenIgnoringLoops.Add((executeAsync.ContainingType.OriginalDefinition, new IgnoredStoppingToken(executeAsync.ContainingType.Name, keyword)));
                }
            }
        }
    }

    private void OnNamedType(SymbolAnalysisContext context)
    {
        if (_types.Implements((INamedTypeSymbol)context.Symbol, _types.IHostLifetime))
        {
            Observe(ShutdownObservers.HostLifetime);
        }
    }

    /// <summary>More than <c>return Task.CompletedTask;</c>, an empty body, or a call of the base class's implementation
    /// (which a <c>BackgroundService</c> runs anyway).</summary>
    private static bool DoesSomething(IOperation block, IMethodSymbol method)
    {
        // The base call and what only wraps it (await, ConfigureAwait, the statement) add nothing.
        var wrappingBaseCall = new HashSet<IOperation>();
        foreach (var operation in block.Descendants())
        {
            if (operation is IInvocationOperation { Instance: IInstanceReferenceOperation } call
                && method.OverriddenMethod is { } overridden
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, overridden.OriginalDefinition))
            {
                for (IOperation? current = call; current is not null && current != block; current = current.Parent)
                {
                    wrappingBaseCall.Add(current);
                }
            }
        }

        foreach (var operation in block.Descendants())
        {
            if (operation is IExpressionStatementOperation or IAwaitOperation or IInvocationOperation or IAssignmentOperation
                    or IVariableDeclarationOperation or ILoopOperation or IConditionalOperation or IUsingOperation or ITryOperation
                && !wrappingBaseCall.Contains(operation))
            {
                return true;
            }
        }

        return false;
    }

    private void OnDelay(IInvocationOperation delay, ISymbol containingSymbol)
    {
        var use = Use(delay);
        if (use == TaskUse.None || OperationTree.Argument(delay, parameter => parameter.Ordinal == 0)?.Value is not { } duration)
        {
            return;
        }

        var form = duration.Type?.SpecialType == SpecialType.System_Int32 ? ValueForm.Milliseconds : ValueForm.TimeSpan;
        var location = delay.Syntax.GetLocation();
        var guard = EnvironmentConditionReader.Guard(delay, _types);
        var alternatives = EnvironmentConditionReader.Alternatives(duration, _types).ToList();
        var unit = CodeUnit.Containing(delay, containingSymbol, out var function);
        var inLoop = InLoop(delay, function);
        foreach (var (value, condition) in alternatives)
        {
            _stopping.Delay(unit, use, new PendingDelay(value, form, location, inLoop, guard.And(condition)));
        }

        if (use is TaskUse.Awaited or TaskUse.Blocking
            && containingSymbol is IMethodSymbol containingMethod
            && _types.Implements(containingMethod.ContainingType, _types.IHostLifetime)
            && StopsApplicationAfter(function ?? OperationTree.Root(delay), delay))
        {
            foreach (var (value, condition) in alternatives)
            {
                Add(_lifetimeDelays, new PendingDelay(value, form, location, inLoop: false, guard.And(condition)));
            }
        }
    }

    /// <summary>A call whose task the code waits for or drops, or a call of the project that returns no task.</summary>
    private void OnCall(IInvocationOperation call, ISymbol containingSymbol)
    {
        var method = call.TargetMethod;
        var use = Use(call);
        if (use == TaskUse.None || (method.ReturnsVoid ? use != TaskUse.Dropped : !IsTask(method.ReturnType)))
        {
            return;
        }

        if (method.ReturnsVoid)
        {
            use = TaskUse.Synchronous;
        }

        // Calls outside the project matter only when waited for: then they wait for something unknown.
        var seen = _types.InProject(method) && !method.IsAbstract && !method.IsExtern && !method.DeclaringSyntaxReferences.IsEmpty;
        if (seen || use is TaskUse.Awaited or TaskUse.Blocking or TaskUse.Returned)
        {
            _stopping.Call(
                CodeUnit.Containing(call, containingSymbol, out _), seen ? CodeUnit.Of(method) : null, use, OperationTree.CallLocation(call), EnvironmentConditionReader.Guard(call, _types));
        }
    }

    /// <summary>The task of <c>task.Wait()</c> or <c>task.GetAwaiter().GetResult()</c>, without <c>ConfigureAwait</c>.</summary>
    private static IOperation? BlockedTask(IInvocationOperation blocking)
    {
        var task = blocking.Instance is null ? null : OperationTree.Strip(blocking.Instance);
        if (blocking.TargetMethod.Name == "GetResult")
        {
            task = task is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited } ? OperationTree.Strip(awaited) : null;
        }

        return task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? OperationTree.Strip(configured) : task;
    }

    private bool IsTask(ITypeSymbol? type) => WellKnownTypes.DerivesFrom(type, _types.Task) || type is INamedTypeSymbol { Name: "ValueTask" };

    /// <summary>A delay repeated in a loop (a poll) has no length of its own.</summary>
    private static bool InLoop(IOperation delay, IOperation? function)
    {
        for (var current = delay.Parent; current is not null && current != function; current = current.Parent)
        {
            if (current is ILoopOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static TaskUse Use(IInvocationOperation task)
    {
        if (task.TargetMethod.Name == "Sleep")
        {
            return TaskUse.Blocking;
        }

        IOperation used = task;
        var parent = OperationTree.Parent(used);
        if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == OperationTree.Strip(used))
        {
            used = configured;
            parent = OperationTree.Parent(used);
        }

        switch (parent)
        {
            case IAwaitOperation:
                return TaskUse.Awaited;
            case IReturnOperation:
                return TaskUse.Returned;
            case IExpressionStatementOperation:
            case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                return TaskUse.Dropped;
            case IInvocationOperation { TargetMethod.Name: "Wait" }:
                return TaskUse.Blocking;
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter:
                return OperationTree.Parent(awaiter) is IInvocationOperation { TargetMethod.Name: "GetResult" } ? TaskUse.Blocking : TaskUse.None;
            default:
                return TaskUse.None;
        }
    }

    private static bool StopsApplicationAfter(IOperation body, IOperation delay)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "StopApplication" } && operation.Syntax.SpanStart > delay.Syntax.SpanStart)
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="holder">The member holding the token, when the callbacks count only if it holds <c>ApplicationStopping</c>.</param>
    private void AddStoppingCallbacks(IInvocationOperation registration, ISymbol? holder)
    {
        var guard = EnvironmentConditionReader.Guard(registration, _types);
        foreach (var argument in registration.Arguments)
        {
            switch (OperationTree.Strip(argument.Value))
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    AddStoppingCallback(holder, CodeUnit.Of(lambda.Syntax), lambda.Symbol.IsAsync, lambda.Syntax.GetLocation(), guard);
                    break;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    AddStoppingCallback(holder, CodeUnit.Of(reference.Method), reference.Method.IsAsync, OperationTree.CallLocation(registration), guard);
                    break;
            }
        }
    }

    /// <summary><c>builder.Build()</c> of any host style: it returns an <c>IHost</c> or a legacy <c>IWebHost</c>.</summary>
    private void AddStoppingCallback(ISymbol? holder, CodeUnit unit, bool isAsync, Location location, EnvironmentCondition guard)
    {
        if (holder is null)
        {
            _stopping.StoppingCallback(unit, isAsync, location, guard);
        }
        else
        {
            _stopping.HeldStoppingCallback(holder, unit, isAsync, location, guard);
        }
    }

    private bool IsHostBuild(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol returnType
        && (_types.IsOrImplements(returnType, _types.IHost) || _types.IsOrImplements(returnType, _types.IWebHost));

    /// <summary><c>Configure&lt;HostOptions&gt;</c> for the default options name, or a call on the <c>OptionsBuilder&lt;HostOptions&gt;</c>
    /// of <c>AddOptions&lt;HostOptions&gt;()</c> (<c>Configure</c>, <c>Bind</c>, <c>BindConfiguration</c>).</summary>
    private bool ConfiguresHostOptions(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var options = WellKnownTypes.Is(method.ContainingType, _types.OptionsBuilder)
            ? method.ContainingType.TypeArguments.FirstOrDefault()
            : method.TypeArguments.Length == 1 ? method.TypeArguments[0] : null;
        if (!WellKnownTypes.Is(options, _types.HostOptions))
        {
            return false;
        }

        return HasDefaultName(invocation)
            && (OperationTree.Receiver(invocation) is not IInvocationOperation { TargetMethod.Name: "AddOptions" } added || HasDefaultName(added));
    }

    private IOperation? ConfigurationArgument(IInvocationOperation invocation) =>
        OperationTree.Argument(invocation, parameter => WellKnownTypes.Is(parameter.Type, _types.IConfiguration))?.Value;

    private static bool HasDefaultName(IInvocationOperation invocation)
    {
        var name = OperationTree.Argument(invocation, parameter => parameter.Name == "name" && parameter.Type.SpecialType == SpecialType.System_String)?.Value;
        return name is null || name.ConstantValue is { HasValue: true, Value: "" };
    }

    /// <summary>Every <c>ShutdownTimeout = …</c> in the lambdas passed, object initialisers of <c>HostOptions</c> included.</summary>
    private void AddAssignedTimeouts(IInvocationOperation invocation, TimeoutSettingKind kind, string form, RegistrationOrder? order)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (OperationTree.Strip(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                continue;
            }

            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    && target.Property.Name == "ShutdownTimeout"
                    && WellKnownTypes.Is(target.Property.ContainingType, _types.HostOptions))
                {
                    AddSetting(kind, assignment.Value, ValueForm.TimeSpan, form, order);
                }
            }
        }
    }

    /// <summary>The first argument is the configuration key, as a constant or as the <c>WebHostDefaults</c> field that holds it.</summary>
    private bool IsKey(IInvocationOperation invocation, string key, string webHostDefaultsField)
    {
        if (!_types.IsOrImplements(invocation.TargetMethod.ContainingType, _types.IWebHostBuilder)
            || OperationTree.Argument(invocation, parameter => parameter.Ordinal == 0)?.Value is not { } keyArgument)
        {
            return false;
        }

        return keyArgument.ConstantValue is { HasValue: true, Value: string name }
            ? string.Equals(name, key, StringComparison.OrdinalIgnoreCase)
            : OperationTree.Strip(keyArgument) is IFieldReferenceOperation field && field.Field.Name == webHostDefaultsField
                && WellKnownTypes.Is(field.Field.ContainingType, _types.WebHostDefaults);
    }

    /// <summary><c>UseSetting("urls" | "http_ports" | "https_ports", …)</c>, by name or through <c>WebHostDefaults</c>.</summary>
    private ListenSettingKind? ListenKey(IInvocationOperation invocation)
    {
        if (!_types.IsOrImplements(invocation.TargetMethod.ContainingType, _types.IWebHostBuilder)
            || OperationTree.Argument(invocation, parameter => parameter.Ordinal == 0)?.Value is not { } key)
        {
            return null;
        }

        return key.ConstantValue is { HasValue: true, Value: string name }
            ? ListenAddressSources.KindOf(name)
            : OperationTree.Strip(key) is IFieldReferenceOperation field && WellKnownTypes.Is(field.Field.ContainingType, _types.WebHostDefaults)
                ? field.Field.Name switch
                {
                    "ServerUrlsKey" => ListenSettingKind.Urls,
                    "HttpPortsKey" => ListenSettingKind.HttpPorts,
                    "HttpsPortsKey" => ListenSettingKind.HttpsPorts,
                    _ => null,
                }
                : null;
    }

    /// <summary>A Kestrel endpoint: its port when it listens on every interface (<c>ListenAnyIP(port)</c>,
    /// <c>Listen(IPAddress.Any, port)</c>); unknown for anything else (localhost, a socket, a configuration section).</summary>
    private void AddEndpoint(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var port = OperationTree.Argument(invocation, parameter => parameter.Name == "port" && parameter.Type.SpecialType == SpecialType.System_Int32)?.Value;
        var address = OperationTree.Argument(invocation, parameter => WellKnownTypes.Is(parameter.Type, _types.IPAddress))?.Value;
        var anyAddress = method.Name == "ListenAnyIP"
            || (method.Name == "Listen" && address is not null && OperationTree.Strip(address) is IFieldReferenceOperation { Field.Name: "Any" or "IPv6Any" } field
                && WellKnownTypes.Is(field.Field.ContainingType, _types.IPAddress));
        AddListen(ListenSettingKind.Endpoint, port, anyAddress ? ListenForm.Port : ListenForm.Unknown, method.Name, invocation);
    }

    private void AddListen(ListenSettingKind kind, IOperation? value, ListenForm form, string name, IInvocationOperation invocation)
    {
        var location = invocation.Syntax.GetLocation();
        var pending = new PendingListen(kind, value, value is null ? ListenForm.Unknown : form, location, $"{name} ({FileLine.Of(location)})");
        lock (_gate)
        {
            _listens.Add(pending);
        }
    }

    private static bool Overrides(IMethodSymbol method, INamedTypeSymbol? baseType)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (WellKnownTypes.Is(overridden.ContainingType, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private void AddBuild(StyleTrace trace, IInvocationOperation invocation)
    {
        lock (_gate)
        {
            _builds.Add(new PendingBuild(trace, OperationTree.CallLocation(invocation)));
        }
    }

    /// <summary>A value that depends on the environment is one setting per alternative, each at its own expression.</summary>
    private void AddSetting(TimeoutSettingKind kind, IOperation value, ValueForm form, string name, RegistrationOrder? order = null)
    {
        var guard = EnvironmentConditionReader.Guard(value, _types);
        foreach (var (alternative, condition) in EnvironmentConditionReader.Alternatives(value, _types))
        {
            var location = alternative.Syntax.GetLocation();
            var description = $"{name} ({FileLine.Of(location)})";
            lock (_gate)
            {
                _settings.Add(new PendingSetting(kind, alternative, form, order, location, description, guard.And(condition)));
            }
        }
    }

    private void AddEnvironmentName(IOperation value)
    {
        lock (_gate)
        {
            _environmentNames.Add(value);
        }
    }

    /// <summary>
    /// The order of a registration made by a statement of a function's own block (a chain of calls is one statement),
    /// when no statement before it can leave the block; null otherwise (a condition, a loop, another function).
    /// </summary>
    private static RegistrationOrder? RegistrationOrderOf(IInvocationOperation registration)
    {
        IOperation statement = registration;
        while (statement.Parent is IInvocationOperation or IArgumentOperation or IConversionOperation)
        {
            statement = statement.Parent;
        }

        if (statement.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block } expression
            || block.Parent is not (null or IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            return null;
        }

        foreach (var earlier in block.Operations.TakeWhile(operation => operation != expression))
        {
            if (CanLeave(earlier))
            {
                return null;
            }
        }

        return new RegistrationOrder(block.Syntax, OperationTree.CallLocation(registration).SourceSpan.Start);
    }

    /// <summary>A return, throw or jump in the statement, not counting nested functions.</summary>
    private static bool CanLeave(IOperation statement)
    {
        var pending = new Stack<IOperation>();
        pending.Push(statement);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IReturnOperation or IThrowOperation or IBranchOperation)
            {
                return true;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return false;
    }

    private void Add(List<PendingDelay> delays, PendingDelay delay)
    {
        lock (_gate)
        {
            delays.Add(delay);
        }
    }

    private void Observe(ShutdownObservers observer)
    {
        lock (_gate)
        {
            _observers |= observer;
        }
    }

    private sealed class PendingBuild
    {
        public PendingBuild(StyleTrace trace, Location location)
        {
            Trace = trace;
            Location = location;
        }

        public StyleTrace Trace { get; }

        public Location Location { get; }
    }

    private sealed class PendingSetting
    {
        public PendingSetting(
            TimeoutSettingKind kind, IOperation value, ValueForm form, RegistrationOrder? order, Location location, string description, EnvironmentCondition condition)
        {
            Condition = condition;
            Kind = kind;
            Value = value;
            Form = form;
            Order = order;
            Location = location;
            Description = description;
        }

        public TimeoutSettingKind Kind { get; }

        public IOperation Value { get; }

        public ValueForm Form { get; }

        public RegistrationOrder? Order { get; }

        public Location Location { get; }

        public string Description { get; }

        public EnvironmentCondition Condition { get; }
    }

    private sealed class PendingListen
    {
        public PendingListen(ListenSettingKind kind, IOperation? value, ListenForm form, Location location, string description)
        {
            Kind = kind;
            Value = value;
            Form = form;
            Location = location;
            Description = description;
        }

        public ListenSettingKind Kind { get; }

        /// <summary>Set unless the form is <see cref="ListenForm.Unknown"/>.</summary>
        public IOperation? Value { get; }

        public ListenForm Form { get; }

        public Location Location { get; }

        public string Description { get; }
    }

    private sealed class PendingDelay
    {
        public PendingDelay(IOperation? duration, ValueForm form, Location location, bool inLoop, EnvironmentCondition condition)
        {
            Condition = condition;
            Duration = duration;
            Form = form;
            Location = location;
            InLoop = inLoop;
        }

        /// <summary>Null when the code that delays is not seen.</summary>
        public IOperation? Duration { get; }

        public ValueForm Form { get; }

        public Location Location { get; }

        public bool InLoop { get; }

        /// <summary>The environments the delay runs in, as far as its own method or lambda says.</summary>
        public EnvironmentCondition Condition { get; }
    }
}
