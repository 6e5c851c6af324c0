namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, which lacks the type the compiler marks init accessors with.</summary>
internal static class IsExternalInit;
