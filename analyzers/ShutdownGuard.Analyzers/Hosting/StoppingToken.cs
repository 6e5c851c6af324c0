using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>
/// The lifetime's <c>ApplicationStopping</c> token: where it is read, where it is kept, and which callbacks are
/// registered on it. The app model (delays) and the endpoint model (gates) ask the same questions.
/// </summary>
internal static class StoppingToken
{
    /// <summary><c>ApplicationStopping</c> of <c>IHostApplicationLifetime</c> or an obsolete <c>IApplicationLifetime</c>.</summary>
    public static bool Is(IPropertySymbol property, WellKnownTypes types) =>
        property.Name == "ApplicationStopping" && types.IsLifetime(property.ContainingType);

    /// <summary>The field or property of the project the token is stored in (<c>_stopping = lifetime.ApplicationStopping</c>,
    /// or its initializer); null otherwise.</summary>
    public static ISymbol? Holder(IOperation token, WellKnownTypes types)
    {
        var holder = OperationTree.Parent(token) switch
        {
            ISimpleAssignmentOperation assignment when OperationTree.Strip(assignment.Value) == token => (assignment.Target as IMemberReferenceOperation)?.Member,
            IFieldInitializerOperation field when field.InitializedFields.Length == 1 => field.InitializedFields[0],
            IPropertyInitializerOperation property when property.InitializedProperties.Length == 1 => property.InitializedProperties[0],
            _ => null,
        };
        return holder is (IFieldSymbol or IPropertySymbol) && types.InProject(holder) ? holder.OriginalDefinition : null;
    }

    /// <summary>
    /// What a <c>Register</c> call registers its callback on: true for <c>ApplicationStopping</c> itself (also through a
    /// local); false with a <paramref name="holder"/> for a field or property of the project, whose token is the stopping
    /// token only if that member turns out to hold it; false with none otherwise.
    /// </summary>
    public static bool IsRegisteredOn(IInvocationOperation registration, WellKnownTypes types, out ISymbol? holder)
    {
        holder = null;
        switch (OperationTree.Source(registration.Instance))
        {
            case IPropertyReferenceOperation token when Is(token.Property, types):
                return true;
            case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member when types.InProject(member.Member):
                holder = member.Member.OriginalDefinition;
                return false;
            default:
                return false;
        }
    }
}
