using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Reads the environment tests that decide whether code runs: <c>if</c> statements, conditional expressions and early
/// returns around it whose condition uses the host's environment (<c>app.Environment</c>, <c>builder.Environment</c>, an
/// injected <c>IHostEnvironment</c> or <c>IWebHostEnvironment</c>). <c>IsDevelopment()</c>, <c>IsProduction()</c>,
/// <c>IsStaging()</c> and <c>IsEnvironment("X")</c> with <c>!</c>, <c>&amp;&amp;</c> and <c>||</c> are evaluated; any other
/// use of the environment makes the condition unknown. Conditions that do not use the environment are not read.
/// </summary>
internal static class EnvironmentConditionReader
{
    /// <summary>The condition under which the operation runs, from everything around it up to its method or lambda's root.</summary>
    public static EnvironmentCondition Guard(IOperation operation, WellKnownTypes types)
    {
        var condition = EnvironmentCondition.Always;
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                    if (Test(conditional.Condition, types) is { } test)
                    {
                        condition = condition.And(child == conditional.WhenTrue ? test : test.Not());
                    }

                    break;
                case IBlockOperation block:
                    condition = condition.And(AfterEarlyExits(block, child, types));
                    break;
                case ISwitchCaseOperation { Parent: ISwitchOperation @switch } when UsesEnvironment(@switch.Value, types):
                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation expression } when UsesEnvironment(expression.Value, types):
                    return EnvironmentCondition.Unknown;
            }
        }

        return condition;
    }

    /// <summary>A value that depends on the environment, as its alternatives: <c>env.IsDevelopment() ? 0 : 5000</c> is 0
    /// only in Development and 5000 elsewhere. Other values are one alternative that always applies.</summary>
    public static IEnumerable<(IOperation Value, EnvironmentCondition Condition)> Alternatives(IOperation value, WellKnownTypes types)
    {
        if (OperationTree.Strip(value) is IConditionalOperation { WhenFalse: { } whenFalse } conditional && Test(conditional.Condition, types) is { } test)
        {
            foreach (var (alternative, condition) in Alternatives(conditional.WhenTrue, types))
            {
                yield return (alternative, condition.And(test));
            }

            foreach (var (alternative, condition) in Alternatives(whenFalse, types))
            {
                yield return (alternative, condition.And(test.Not()));
            }

            yield break;
        }

        yield return (value, EnvironmentCondition.Always);
    }

    /// <summary>What a condition says about the environment; null when it does not use the environment.</summary>
    private static EnvironmentCondition? Test(IOperation condition, WellKnownTypes types) =>
        UsesEnvironment(condition, types) ? Evaluate(condition, types) : null;

    /// <summary><c>if (!app.Environment.IsDevelopment()) return;</c> before the statement: it runs only where the test is false.</summary>
    private static EnvironmentCondition AfterEarlyExits(IBlockOperation block, IOperation statement, WellKnownTypes types)
    {
        var condition = EnvironmentCondition.Always;
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is IConditionalOperation { WhenFalse: null } exit && Exits(exit.WhenTrue) && Test(exit.Condition, types) is { } test)
            {
                condition = condition.And(test.Not());
            }
        }

        return condition;
    }

    private static bool Exits(IOperation operation)
    {
        var last = operation is IBlockOperation block ? block.Operations.LastOrDefault() : operation;
        return last is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
    }

    private static EnvironmentCondition Evaluate(IOperation condition, WellKnownTypes types)
    {
        switch (OperationTree.Strip(condition))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Evaluate(not.Operand, types).Not();
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and:
                return Evaluate(and.LeftOperand, types).And(Evaluate(and.RightOperand, types));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
                return Evaluate(or.LeftOperand, types).Or(Evaluate(or.RightOperand, types));
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: bool value } }:
                return value ? EnvironmentCondition.Always : EnvironmentCondition.Never;
            case IInvocationOperation test when types.IsHostEnvironment(OperationTree.Receiver(test)?.Type) && WellKnownTypes.IsFramework(test.TargetMethod.ContainingAssembly):
                return Tested(test) is { } name ? EnvironmentCondition.Only(name) : EnvironmentCondition.Unknown;
            default:
                return EnvironmentCondition.Unknown;
        }
    }

    /// <summary>The environment an <c>Is…</c> call tests; null for other calls and names that are not constants.</summary>
    private static string? Tested(IInvocationOperation test) => test.TargetMethod.Name switch
    {
        "IsDevelopment" => "Development",
        "IsProduction" => HostEnvironment.Production,
        "IsStaging" => "Staging",
        "IsEnvironment" => OperationTree.Argument(test, parameter => parameter.Ordinal == 1)?.Value.ConstantValue is { HasValue: true, Value: string name } ? name : null,
        _ => null,
    };

    private static bool UsesEnvironment(IOperation operation, WellKnownTypes types) =>
        types.IsHostEnvironment(operation.Type) || operation.Descendants().Any(descendant => types.IsHostEnvironment(descendant.Type));
}
