using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Tests.Verification;

/// <summary>Manifest texts and manifest sets for tests.</summary>
internal static class Manifests
{
    /// <summary>A Deployment with one container per name given, each running the image <c>registry.example.com/NAME:1.0</c>.</summary>
    public static string Deployment(string name, params string[] containers)
    {
        var names = containers.Length == 0 ? new[] { name } : containers;
        var items = string.Concat(names.Select(container => $"""
                  - name: {container}
                    image: registry.example.com/{container}:1.0

            """));
        return $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
            spec:
              template:
                spec:
                  containers:
            {items}
            """;
    }

    /// <summary>A set read through the real reader, without caching.</summary>
    public static ManifestSet Set(params (string Path, string Text)[] files) =>
        ManifestSet.Create(
            files.Select(file => (AdditionalText)new InMemoryFile(file.Path, file.Text)).ToImmutableArray(),
            "/",
            (file, text) => ManifestReader.Read(text, ManifestReader.IsKustomizationFileName(file.Path), CancellationToken.None),
            CancellationToken.None);

    public sealed class InMemoryFile(string path, SourceText text) : AdditionalText
    {
        public InMemoryFile(string path, string text)
            : this(path, SourceText.From(text))
        {
        }

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
