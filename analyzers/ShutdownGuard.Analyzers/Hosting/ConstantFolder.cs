using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Evaluates the numbers, strings and <c>TimeSpan</c>s that set timeouts and delays, when they are compile-time
/// constants in effect: literals, <c>const</c>s, locals assigned once, <c>static readonly</c> fields of the project, and the
/// <c>TimeSpan</c> factories. Anything else is unknown.
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

    /// <param name="staticReadonlyFields">The initial values of the project's <c>static readonly</c> fields.</param>
    public ConstantFolder(WellKnownTypes types, IReadOnlyDictionary<IFieldSymbol, IOperation> staticReadonlyFields)
    {
        _types = types;
        _staticReadonlyFields = staticReadonlyFields;
    }

    /// <summary>A <c>TimeSpan</c> in seconds, <see cref="double.PositiveInfinity"/> for <c>Timeout.InfiniteTimeSpan</c>.</summary>
    public double? TimeSpanSeconds(IOperation operation) => TimeSpanTicks(operation, 0) switch
    {
        null => null,
        InfiniteTicks => double.PositiveInfinity,
        { } ticks => ticks / TicksPerSecond,
    };

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

    /// <summary>A whole number in the range of <c>int</c>.</summary>
    public int? Integer(IOperation operation) =>
        Number(operation, 0) is { } number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    private double? Number(IOperation operation, int depth)
    {
        if (operation.ConstantValue is { HasValue: true, Value: { } value })
        {
            return value is IConvertible and not (string or bool or char) ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
        }

        return Follow(operation, depth) is { } next ? Number(next, depth + 1) : null;
    }

    private string? String(IOperation operation, int depth)
    {
        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value as string;
        }

        return Follow(operation, depth) is { } next ? String(next, depth + 1) : null;
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
            return invocation.Arguments.Length > 0
                && String(invocation.Arguments[0].Value, depth) is { } text
                && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed.Ticks
                    : null;
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
