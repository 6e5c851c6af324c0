using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Evaluates the numbers, strings and <c>TimeSpan</c>s that set timeouts and delays, when they are compile-time
/// constants in effect: literals, <c>const</c>s, locals assigned once, <c>static readonly</c> fields of the project, and the
/// <c>TimeSpan</c> factories. With <see cref="ConfigurationReads"/> it also evaluates what the app reads from its
/// configuration (<c>Environment.GetEnvironmentVariable</c>, <c>configuration["key"]</c>, <c>GetValue&lt;T&gt;</c>, <c>??</c>,
/// <c>int.Parse</c>). Anything else is unknown.
/// </summary>
internal sealed class ConstantFolder
{
    /// <summary>Follows at most this many locals and fields, so fields that refer to each other end.</summary>
    private const int MaxDepth = 8;

    private const double TicksPerMicrosecond = 10;
    private const double TicksPerMillisecond = 10_000;
    private const double TicksPerSecond = 10_000_000;
    private const double TicksPerMinute = 60 * TicksPerSecond;
    private const double TicksPerHour = 60 * TicksPerMinute;
    private const double TicksPerDay = 24 * TicksPerHour;

    /// <summary>Below <c>long.MaxValue</c> by more than a double's rounding, so the conversion to ticks cannot overflow.</summary>
    private const double MaxTicks = 9e18;

    /// <summary><c>Timeout.InfiniteTimeSpan</c>: minus one millisecond.</summary>
    public const long InfiniteTicks = -10_000;

    private static readonly double[] FromDaysUnits = { TicksPerDay, TicksPerHour, TicksPerMinute, TicksPerSecond, TicksPerMillisecond, TicksPerMicrosecond };
    private static readonly double[] FromHoursUnits = { TicksPerHour, TicksPerMinute, TicksPerSecond, TicksPerMillisecond, TicksPerMicrosecond };
    private static readonly double[] FromMinutesUnits = { TicksPerMinute, TicksPerSecond, TicksPerMillisecond, TicksPerMicrosecond };
    private static readonly double[] FromSecondsUnits = { TicksPerSecond, TicksPerMillisecond, TicksPerMicrosecond };
    private static readonly double[] FromMillisecondsUnits = { TicksPerMillisecond, TicksPerMicrosecond };
    private static readonly double[] FromMicrosecondsUnits = { TicksPerMicrosecond };
    private static readonly double[] FromTicksUnits = { 1 };
    private static readonly double[] HoursMinutesSecondsUnits = { TicksPerHour, TicksPerMinute, TicksPerSecond };

    private readonly WellKnownTypes _types;
    private readonly IReadOnlyDictionary<IFieldSymbol, IOperation> _staticReadonlyFields;
    private readonly ConfigurationReads? _reads;

    /// <param name="staticReadonlyFields">The initial values of the project's <c>static readonly</c> fields.</param>
    public ConstantFolder(WellKnownTypes types, IReadOnlyDictionary<IFieldSymbol, IOperation> staticReadonlyFields)
        : this(types, staticReadonlyFields, reads: null)
    {
    }

    private ConstantFolder(WellKnownTypes types, IReadOnlyDictionary<IFieldSymbol, IOperation> staticReadonlyFields, ConfigurationReads? reads)
    {
        _types = types;
        _staticReadonlyFields = staticReadonlyFields;
        _reads = reads;
    }

    /// <summary>A folder that reads configuration through <paramref name="reads"/>; without one, configuration is unknown.</summary>
    public ConstantFolder Reading(ConfigurationReads reads) => new(_types, _staticReadonlyFields, reads);

    /// <summary>A <c>TimeSpan</c> in seconds, <see cref="double.PositiveInfinity"/> for <c>Timeout.InfiniteTimeSpan</c>.</summary>
    public double? TimeSpanSeconds(IOperation operation) => TimeSpanTicks(operation, 0) is { } ticks ? Seconds(ticks) : null;

    /// <summary>Ticks in seconds, <see cref="double.PositiveInfinity"/> for <c>Timeout.InfiniteTimeSpan</c>.</summary>
    public static double Seconds(long ticks) => ticks == InfiniteTicks ? double.PositiveInfinity : ticks / TicksPerSecond;

    /// <summary>A <c>TimeSpan</c> cut to whole seconds, as <c>UseShutdownTimeout</c> writes it (infinite becomes 0).</summary>
    public double? WholeSeconds(IOperation operation) => TimeSpanTicks(operation, 0) is { } ticks ? ticks / (long)TicksPerSecond : null;

    /// <summary>Milliseconds as <c>Thread.Sleep(int)</c> and <c>Task.Delay(int)</c> take them, in seconds; -1 is infinite.</summary>
    public double? MillisecondsAsSeconds(IOperation operation) => Number(operation, 0) switch
    {
        null => null,
        -1 => double.PositiveInfinity,
        { } milliseconds => milliseconds / 1000,
    };

    public string? String(IOperation operation) => String(operation, 0);

    /// <summary>The configuration path of a section (<c>builder.Configuration.GetSection("HostOptions")</c> is
    /// <c>HostOptions</c>, the root is empty); null when it is not the app's configuration or the path is not constant.</summary>
    public string? ConfigurationPath(IOperation operation) => ConfigurationPath(operation, 0);

    public static string ConfigurationKey(string path, string key) => path.Length == 0 ? key : path + ":" + key;

    /// <summary>A whole number in the range of <c>int</c>.</summary>
    public int? Integer(IOperation operation) =>
        Number(operation, 0) is { } number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    private double? Number(IOperation operation, int depth)
    {
        if (operation.ConstantValue is { HasValue: true, Value: { } value })
        {
            return value is IConvertible and not (string or bool or char) ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
        }

        switch (OperationTree.Strip(operation))
        {
            case IInvocationOperation { TargetMethod.Name: "Parse" } parse when NumberStyle(parse.TargetMethod.ContainingType) is { } style
                && parse.Arguments.Length > 0
                && parse.TargetMethod.Parameters.Skip(1).All(parameter => parameter.Name == "provider"):
                return ParseNumber(String(parse.Arguments[0].Value, depth), style);
            case IInvocationOperation call when NumberStyle(call.TargetMethod.ReturnType) is { } style && IsGetValue(call):
                return ReadValue(call, depth, out var text, out var defaultValue)
                    ? text is null ? (defaultValue is null ? 0 : Number(defaultValue, depth)) : ParseNumber(text, style)
                    : null;
        }

        return Follow(operation, depth) is { } next ? Number(next, depth + 1) : null;
    }

    /// <summary>How <c>Parse</c> and configuration's converters read the type; null for other types.</summary>
    private static NumberStyles? NumberStyle(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Int32 or SpecialType.System_Int64 => NumberStyles.Integer,
        SpecialType.System_Double => NumberStyles.Float | NumberStyles.AllowThousands,
        _ => null,
    };

    private static double? ParseNumber(string? text, NumberStyles style) =>
        double.TryParse(text, style, CultureInfo.InvariantCulture, out var value) ? value : null;

    private string? String(IOperation operation, int depth) => Text(operation, depth, out var text) ? text : null;

    /// <summary>False when unknown; true with a null <paramref name="text"/> for <c>null</c> (a key no source sets).</summary>
    private bool Text(IOperation operation, int depth, out string? text)
    {
        text = null;
        if (operation.ConstantValue is { HasValue: true } constant)
        {
            text = constant.Value as string;
            return constant.Value is null or string;
        }

        switch (OperationTree.Strip(operation))
        {
            case ICoalesceOperation coalesce:
                return Text(coalesce.Value, depth, out text) && (text is not null || Text(coalesce.WhenNull, depth, out text));
            case IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable", Arguments.Length: 1 } call
                when WellKnownTypes.Is(call.TargetMethod.ContainingType, _types.Environment):
                return String(call.Arguments[0].Value, depth) is { } name && Read(name, environmentOnly: true, out text);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } configuration } indexer
                when _types.IsOrImplements(configuration.Type, _types.IConfiguration):
                return Key(configuration, indexer.Arguments[0].Value, depth) is { } key && Read(key, environmentOnly: false, out text);
            case IInvocationOperation call when call.TargetMethod.ReturnType.SpecialType == SpecialType.System_String && IsGetValue(call):
                return ReadValue(call, depth, out text, out var defaultValue) && (text is not null || defaultValue is null || Text(defaultValue, depth, out text));
        }

        return Follow(operation, depth) is { } next && Text(next, depth + 1, out text);
    }

    /// <summary><c>configuration.GetValue&lt;T&gt;(key)</c> or <c>GetValue&lt;T&gt;(key, defaultValue)</c>.</summary>
    private bool IsGetValue(IInvocationOperation call) =>
        call.TargetMethod is { Name: "GetValue", TypeArguments.Length: 1 } && WellKnownTypes.Is(call.TargetMethod.ContainingType, _types.ConfigurationBinder);

    /// <summary>What a <c>GetValue</c> call reads, and its default; false when unknown.</summary>
    private bool ReadValue(IInvocationOperation call, int depth, out string? text, out IOperation? defaultValue)
    {
        text = null;
        defaultValue = OperationTree.Argument(call, "defaultValue")?.Value;
        return OperationTree.Receiver(call) is { } configuration
            && OperationTree.Argument(call, "key")?.Value is { } keyValue
            && Key(configuration, keyValue, depth) is { } key
            && Read(key, environmentOnly: false, out text);
    }

    private string? Key(IOperation configuration, IOperation key, int depth) =>
        ConfigurationPath(configuration, depth) is { } path && String(key, depth) is { } name ? ConfigurationKey(path, name) : null;

    private bool Read(string key, bool environmentOnly, out string? text)
    {
        text = null;
        return _reads is not null && _reads.TryRead(key, environmentOnly, out text);
    }

    private string? ConfigurationPath(IOperation operation, int depth)
    {
        switch (OperationTree.Strip(operation))
        {
            case IPropertyReferenceOperation property when _types.IsAppConfiguration(property.Property):
                return string.Empty;
            case IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } call
                when OperationTree.Receiver(call) is { } parent && OperationTree.Argument(call, "key")?.Value is { } key:
                return ConfigurationPath(parent, depth) is { } path && String(key, depth) is { } name ? ConfigurationKey(path, name) : null;
        }

        return Follow(operation, depth) is { } next ? ConfigurationPath(next, depth + 1) : null;
    }

    private long? TimeSpanTicks(IOperation operation, int depth)
    {
        operation = OperationTree.Strip(operation);
        switch (operation)
        {
            case IFieldReferenceOperation field when WellKnownTypes.Is(field.Field.ContainingType, _types.TimeSpan):
                return field.Field.Name switch
                {
                    "Zero" => 0,
                    "MaxValue" => long.MaxValue,
                    "MinValue" => long.MinValue,
                    _ => null,
                };
            case IFieldReferenceOperation field when WellKnownTypes.Is(field.Field.ContainingType, _types.Timeout):
                return field.Field.Name == "InfiniteTimeSpan" ? InfiniteTicks : null;
            case IInvocationOperation invocation when WellKnownTypes.Is(invocation.TargetMethod.ContainingType, _types.TimeSpan):
                return Factory(invocation, depth);
            case IInvocationOperation call when WellKnownTypes.Is(call.TargetMethod.ReturnType, _types.TimeSpan) && IsGetValue(call):
                return !ReadValue(call, depth, out var text, out var defaultValue) ? null
                    : text is null ? (defaultValue is null ? 0 : TimeSpanTicks(defaultValue, depth))
                    : ParseTimeSpan(text);
            case IObjectCreationOperation creation when WellKnownTypes.Is(creation.Type, _types.TimeSpan):
                return Sum(creation.Arguments, creation.Arguments.Length switch
                {
                    1 => FromTicksUnits,
                    3 => HoursMinutesSecondsUnits,
                    _ => FromDaysUnits,
                }, depth);
            case IDefaultValueOperation when WellKnownTypes.Is(operation.Type, _types.TimeSpan):
                return 0;
        }

        return Follow(operation, depth) is { } next ? TimeSpanTicks(next, depth + 1) : null;
    }

    private long? Factory(IInvocationOperation invocation, int depth)
    {
        if (invocation.TargetMethod.Name == "Parse")
        {
            return invocation.Arguments.Length > 0 ? ParseTimeSpan(String(invocation.Arguments[0].Value, depth)) : null;
        }

        var units = invocation.TargetMethod.Name switch
        {
            "FromDays" => FromDaysUnits,
            "FromHours" => FromHoursUnits,
            "FromMinutes" => FromMinutesUnits,
            "FromSeconds" => FromSecondsUnits,
            "FromMilliseconds" => FromMillisecondsUnits,
            "FromMicroseconds" => FromMicrosecondsUnits,
            "FromTicks" => FromTicksUnits,
            _ => null,
        };
        return units is null ? null : Sum(invocation.Arguments, units, depth);
    }

    /// <summary>As <c>TimeSpan.Parse</c> and the configuration binder read it: <c>"25"</c> is 25 days, <c>"0:25"</c> 25 minutes.</summary>
    public static long? ParseTimeSpan(string? text) =>
        text is not null && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed.Ticks : null;

    /// <summary>Each argument times its unit (the constructors and the .NET 9 multi-part factories list units from the largest down).</summary>
    private long? Sum(IReadOnlyList<IArgumentOperation> arguments, double[] units, int depth)
    {
        if (arguments.Count > units.Length)
        {
            return null;
        }

        var ticks = 0.0;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (Number(arguments[i].Value, depth) is not { } value)
            {
                return null;
            }

            ticks += value * units[i];
        }

        // Out of range or not a number throws at run time: nothing to fold.
        return Math.Abs(ticks) < MaxTicks ? (long)ticks : null;
    }

    /// <summary>The value a local or a project's <c>static readonly</c> field holds; null when it cannot be known.</summary>
    private IOperation? Follow(IOperation operation, int depth)
    {
        if (depth >= MaxDepth)
        {
            return null;
        }

        return OperationTree.Strip(operation) switch
        {
            ILocalReferenceOperation local => OperationTree.LocalValue(local),
            IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }
                when _staticReadonlyFields.TryGetValue(field.OriginalDefinition, out var value) => value,
            _ => null,
        };
    }
}
