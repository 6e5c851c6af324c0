using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Hands the operations of the bodies that matter to the collectors, one walk per body from one operation block action
/// (Roslyn's cost per operation callback, paid for each of the hundreds of thousands of operations in a large project,
/// was most of the analyzer's time). A body matters when it mentions hosting (<see cref="HostingWords"/>), when its
/// member does (a hosted service's <c>StopAsync</c>, a method given the app or returning a builder, a host lifetime), or
/// when code that matters reaches it: the bodies of the project's methods that read bodies call, of handlers given as
/// methods, of controller actions and health checks are read at compilation end, as deep as the collectors follow calls.
/// The cost of the analysis grows with the code that touches hosting, not with every method of the project.
/// </summary>
internal sealed class OperationWalk
{
    /// <summary>How many calls deep reached bodies are read: the depth the stopping code and the gates follow (four),
    /// from a handler or check that is itself read at the end.</summary>
    private const int MaxCallDepth = 5;

    private readonly AppModelCollector? _app;
    private readonly EndpointCollector? _endpoints;
    private readonly WellKnownTypes _types;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _read = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentQueue<IMethodSymbol> _called = new();
    private readonly ConcurrentQueue<IMethodSymbol> _skipped = new();
    private readonly ConcurrentDictionary<string, bool> _hostPartMembers = new(StringComparer.Ordinal);

    private OperationWalk(AppModelCollector? app, EndpointCollector? endpoints, WellKnownTypes types)
    {
        _app = app;
        _endpoints = endpoints;
        _types = types;
    }

    public static OperationWalk Register(CompilationStartAnalysisContext context, AppModelCollector? app, EndpointCollector? endpoints, WellKnownTypes types)
    {
        var walk = new OperationWalk(app, endpoints, types);
        context.RegisterOperationBlockAction(walk.OnBody);
        context.RegisterSymbolAction(walk.OnNamedType, SymbolKind.NamedType);
        return walk;
    }

    /// <summary>
    /// Reads the bodies that the bodies read so far reach through calls, and the handlers, controller actions and health
    /// checks given as methods; and the bodies that use a member of the project holding a part of the host under a name
    /// of its own. Call at compilation end, before the collectors build their models.
    /// </summary>
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1030", Justification = "Binds only the few bodies reached from hosting code, once, at compilation end.")]
    public void ReadReachedBodies(Compilation compilation, CancellationToken cancellationToken)
    {
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        void ReadDeclarations(IMethodSymbol method)
        {
            if (!_read.TryAdd(method, true))
            {
                return;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                if (!models.TryGetValue(declaration.SyntaxTree, out var model))
                {
                    model = compilation.GetSemanticModel(declaration.SyntaxTree);
                    models.Add(declaration.SyntaxTree, model);
                }

                if (model.GetOperation(declaration, cancellationToken) is { } body)
                {
                    Read(method, ImmutableArray.Create(body));
                }
            }
        }

        // A name that is a hosting word made every body that mentions it read already.
        var hostPartMembers = new HostingWords.NameSet(_hostPartMembers.Keys.Where(name => !HostingWords.IsHostingWord(name)).ToList());
        foreach (var method in hostPartMembers.IsEmpty ? Enumerable.Empty<IMethodSymbol>() : _skipped)
        {
            if (method.DeclaringSyntaxReferences.Any(reference => HostingWords.MentionsAny(reference.SyntaxTree.GetText(cancellationToken), reference.Span, hostPartMembers)))
            {
                ReadDeclarations(method);
            }
        }

        foreach (var handler in _endpoints?.HandlerMethods() ?? Enumerable.Empty<IMethodSymbol>())
        {
            _called.Enqueue(handler.OriginalDefinition);
        }

        for (var depth = 0; depth < MaxCallDepth && !_called.IsEmpty; depth++)
        {
            var reached = new List<IMethodSymbol>();
            while (_called.TryDequeue(out var method))
            {
                reached.Add(method);
            }

            foreach (var method in reached)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadDeclarations(method);
            }
        }
    }

    private void OnBody(OperationBlockAnalysisContext body)
    {
        var owner = body.OwningSymbol;
        if (Matters(owner, body.OperationBlocks, body.CancellationToken))
        {
            Read(owner, body.OperationBlocks);
        }
        else if (owner is IMethodSymbol method)
        {
            _skipped.Enqueue(method.OriginalDefinition);
        }
    }

    private void Read(ISymbol owner, ImmutableArray<IOperation> blocks)
    {
        if (owner is IMethodSymbol method)
        {
            _read.TryAdd(method.OriginalDefinition, true);
        }

        Visit(blocks, (operation, inFunction) =>
        {
            _app?.Read(operation, owner);
            _endpoints?.Read(operation, owner, inFunction);
            NoteCall(operation);
        });
        _app?.ReadBody(owner, blocks);
    }

    private bool Matters(ISymbol owner, ImmutableArray<IOperation> blocks, CancellationToken cancellationToken)
    {
        switch (owner)
        {
            // Folded wherever the field is used.
            case IFieldSymbol { IsStatic: true, IsReadOnly: true }:
            case IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } or IMethodSymbol { Name: "StopAsync" or "StoppingAsync" or "ExecuteAsync" }:
                return true;
            // Given or returning a part of the host (builder methods are folded where they are used).
            case IMethodSymbol method when _types.Referenced.IsHostPart(method.ReturnType)
                || method.Parameters.Any(parameter => _types.Referenced.IsHostPart(parameter.Type))
                || _types.Implements(method.ContainingType, _types.IHostLifetime):
                return true;
        }

        foreach (var block in blocks)
        {
            var syntax = block.Syntax;
            if (HostingWords.Mentioned(syntax.SyntaxTree.GetText(cancellationToken), syntax.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A method of the project that the code calls, uses as a delegate, or runs as a property accessor.</summary>
    private void NoteCall(IOperation operation)
    {
        switch (operation.Kind)
        {
            case OperationKind.Invocation:
                NoteCall(((IInvocationOperation)operation).TargetMethod);
                break;
            case OperationKind.MethodReference:
                NoteCall(((IMethodReferenceOperation)operation).Method);
                break;
            case OperationKind.PropertyReference:
                var property = ((IPropertyReferenceOperation)operation).Property;
                NoteCall(property.GetMethod);
                NoteCall(property.SetMethod);
                break;
        }
    }

    private void NoteCall(IMethodSymbol? method)
    {
        // Local functions and lambdas are read with the body they are written in.
        if (method is { MethodKind: not (MethodKind.LocalFunction or MethodKind.AnonymousFunction) } && _types.InProject(method) && !_read.ContainsKey(method.OriginalDefinition))
        {
            _called.Enqueue(method.OriginalDefinition);
        }
    }

    /// <summary>Fields, properties and methods of the project that hold or return a part of the host under names of their own.</summary>
    private void OnNamedType(SymbolAnalysisContext context)
    {
        foreach (var member in ((INamedTypeSymbol)context.Symbol).GetMembers())
        {
            var type = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                IMethodSymbol { MethodKind: MethodKind.Ordinary } method => method.ReturnType,
                _ => null,
            };
            if (type is not null && !member.IsImplicitlyDeclared && _types.Referenced.IsHostPart(type))
            {
                _hostPartMembers.TryAdd(member.Name, true);
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> for each operation, blocks included, with whether it lies inside a lambda or local
    /// function of the body (a local can be captured only there).</summary>
    private static void Visit(ImmutableArray<IOperation> blocks, Action<IOperation, bool> visit)
    {
        var pending = new Stack<(IOperation Operation, bool InFunction)>();
        for (var i = blocks.Length - 1; i >= 0; i--)
        {
            if (!IsInsideAnother(blocks[i], blocks))
            {
                pending.Push((blocks[i], false));
            }
        }

        while (pending.Count > 0)
        {
            var (operation, inFunction) = pending.Pop();
            visit(operation, inFunction);
            var childInFunction = inFunction || operation is IAnonymousFunctionOperation or ILocalFunctionOperation;
            // Reversed onto the stack, so that operations are read in source order, as Roslyn's operation actions see them.
            foreach (var child in operation.ChildOperations.Reverse())
            {
                pending.Push((child, childInFunction));
            }
        }
    }

    /// <summary>A block nested in another of the same declaration is visited with it, once.</summary>
    private static bool IsInsideAnother(IOperation block, ImmutableArray<IOperation> blocks)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (blocks.Contains(parent))
            {
                return true;
            }
        }

        return false;
    }
}
