using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>Reads the <c>HealthCheckOptions.Predicate</c> lambda of <c>MapHealthChecks</c> / <c>UseHealthChecks</c>.</summary>
internal static class PredicateReader
{
    private const int MaxDepth = 16;

    /// <summary>The predicate of the options argument; <see cref="HealthCheckPredicate.All"/> without options or predicate.</summary>
    public static HealthCheckPredicate Read(IInvocationOperation mapping)
    {
        var options = OperationTree.Argument(mapping, "options");
        if (options is null || options.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return HealthCheckPredicate.All;
        }

        if (OperationTree.Source(options.Value) is not IObjectCreationOperation creation)
        {
            return HealthCheckPredicate.Unknown;
        }

        var predicate = HealthCheckPredicate.All;
        foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Predicate" } } assignment)
            {
                predicate = FromValue(assignment.Value);
            }
        }

        return predicate;
    }

    private static HealthCheckPredicate FromValue(IOperation value)
    {
        var source = OperationTree.Source(value);
        if (source is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return HealthCheckPredicate.All;
        }

        if (source is not IAnonymousFunctionOperation { Body.Operations.Length: 1 } lambda
            || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned }
            || lambda.Symbol.Parameters.Length != 1)
        {
            return HealthCheckPredicate.Unknown;
        }

        return Expression(returned, lambda.Symbol.Parameters[0], 0);
    }

    private static HealthCheckPredicate Expression(IOperation operation, IParameterSymbol check, int depth)
    {
        if (depth > MaxDepth)
        {
            return HealthCheckPredicate.Unknown;
        }

        operation = OperationTree.Source(operation) ?? operation;
        if (operation.ConstantValue is { HasValue: true, Value: bool constant })
        {
            return constant ? HealthCheckPredicate.All : HealthCheckPredicate.None;
        }

        switch (operation)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return HealthCheckPredicate.Not(Expression(not.Operand, check, depth + 1));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and:
                return HealthCheckPredicate.And(Expression(and.LeftOperand, check, depth + 1), Expression(and.RightOperand, check, depth + 1));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
                return HealthCheckPredicate.Or(Expression(or.LeftOperand, check, depth + 1), Expression(or.RightOperand, check, depth + 1));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var name = NameComparedWith(comparison.LeftOperand, comparison.RightOperand, check) ?? NameComparedWith(comparison.RightOperand, comparison.LeftOperand, check);
                if (name is null)
                {
                    return HealthCheckPredicate.Unknown;
                }

                var equals = HealthCheckPredicate.HasName(name);
                return comparison.OperatorKind == BinaryOperatorKind.Equals ? equals : HealthCheckPredicate.Not(equals);
            case IInvocationOperation { TargetMethod.Name: "Contains" } contains:
                return TagTested(contains, check) is { } tag ? HealthCheckPredicate.HasTag(tag) : HealthCheckPredicate.Unknown;
            default:
                return HealthCheckPredicate.Unknown;
        }
    }

    /// <summary><c>check.Name == "x"</c>: the constant, when one side is the check's name.</summary>
    private static string? NameComparedWith(IOperation member, IOperation constant, IParameterSymbol check) =>
        IsMemberOfCheck(member, "Name", check) && (OperationTree.Source(constant) ?? constant).ConstantValue is { HasValue: true, Value: string name } ? name : null;

    /// <summary><c>check.Tags.Contains("x")</c> (the set's method or LINQ's): the tag.</summary>
    private static string? TagTested(IInvocationOperation contains, IParameterSymbol check)
    {
        var receiver = OperationTree.Receiver(contains);
        var argument = contains.Instance is null ? (contains.Arguments.Length == 2 ? contains.Arguments[1] : null) : (contains.Arguments.Length == 1 ? contains.Arguments[0] : null);
        return receiver is not null && IsMemberOfCheck(receiver, "Tags", check)
            && argument is not null && (OperationTree.Source(argument.Value) ?? argument.Value).ConstantValue is { HasValue: true, Value: string tag }
            ? tag
            : null;
    }

    private static bool IsMemberOfCheck(IOperation operation, string property, IParameterSymbol check) =>
        OperationTree.Source(operation) is IPropertyReferenceOperation reference
        && reference.Property.Name == property
        && OperationTree.Source(reference.Instance) is IParameterReferenceOperation parameter
        && SymbolEqualityComparer.Default.Equals(parameter.Parameter, check);
}
