using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>Where a value comes from, looking through conversions and through a local assigned once.</summary>
internal static class OperationValues
{
    /// <summary>The value without conversions, parentheses and delegate creation; a local read gives its only initializer.</summary>
    public static IOperation? Source(IOperation? value)
    {
        // Bounded: a local initialised from another local initialised from another … ends here.
        for (var hops = 0; hops < 8 && value is not null; hops++)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    value = parenthesized.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    value = creation.Target;
                    break;
                case ILocalReferenceOperation local:
                    value = OperationTree.LocalValue(local);
                    break;
                default:
                    return value;
            }
        }

        return null;
    }

    /// <summary>The argument passed for the parameter of that name, explicit or default.</summary>
    public static IArgumentOperation? Argument(IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The receiver of an instance call or the <c>this</c> argument of an extension call.</summary>
    public static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
}
