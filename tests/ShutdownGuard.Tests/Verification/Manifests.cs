using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Tests.Verification;

/// <summary>Manifest texts and manifest sets for tests.</summary>
internal static class Manifests
{
    // A marked name is one {|#N:…|} span; the benchmarks share this file but not the test library's markup parser.
    private static readonly Regex Marker = new(@"\{\|#\d+:|\|\}", RegexOptions.CultureInvariant);

    /// <summary>A Deployment with one container per name given, each running the image <c>registry.example.com/NAME:1.0</c>;
    /// a name may be marked where a finding stands, as in <c>{|#0:orders-api|}</c>.</summary>
    public static string Deployment(string name, params string[] containers)
    {
        var names = containers.Length == 0 ? new[] { name } : containers;
        var items = string.Concat(names.Select(container => $"""
                  - name: {container}
                    image: registry.example.com/{Unmarked(container)}:1.0

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

    private static string Unmarked(string name) => Marker.Replace(name, string.Empty);

    /// <summary>
    /// The Deployment <c>orders</c> running the project's container <c>orders-api</c> (its pods labelled
    /// <c>app: orders</c>), then a Service that selects it. <paramref name="container"/> adds keys to the container
    /// (indented by 8), <paramref name="podSpec"/> to the pod spec (indented by 6); <paramref name="containerName"/>
    /// is what the container's <c>name:</c> line says, e.g. <c>{|#0:orders-api|}</c> to mark where a finding stands.
    /// </summary>
    public static string ServedDeployment(string container = "", string podSpec = "", string kind = "Deployment", string containerName = "orders-api") => $$"""
        apiVersion: apps/v1
        kind: {{kind}}
        metadata:
          name: orders
        spec:
          template:
            metadata:
              labels:
                app: orders
            spec:
        {{podSpec}}      containers:
              - name: {{containerName}}
                image: registry.example.com/orders-api:1.0
                ports:
                - containerPort: 8080
        {{container}}---
        apiVersion: v1
        kind: Service
        metadata:
          name: orders
        spec:
          selector:
            app: orders
          ports:
          - port: 80
            targetPort: 8080

        """;

    /// <summary>
    /// The Deployment <c>orders</c> whose labels are anchored in its metadata (<c>&amp;labels {app: orders}</c>) and repeated
    /// through aliases: the selector's <c>matchLabels: *labels</c> and the pod's labels, <paramref name="podLabels"/>
    /// (indented by 6, e.g. <c>labels: *labels</c>). Its container <c>orders-api</c> stands on line 14 plus the lines of
    /// <paramref name="podLabels"/>. Then a Service whose selector, <paramref name="serviceSelector"/> (indented by 2),
    /// may use an anchor of its own.
    /// </summary>
    public static string AliasedDeployment(string podLabels = "labels: *labels\n", string serviceSelector = "selector: {app: orders}\n", string container = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
          labels: &labels
            app: orders
        spec:
          selector:
            matchLabels: *labels
          template:
            metadata:
              {{podLabels}}    spec:
              containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0
        {{container}}---
        apiVersion: v1
        kind: Service
        metadata:
          name: orders
          labels: &service {app: orders}
        spec:
          {{serviceSelector}}  ports:
          - port: 80
            targetPort: 8080

        """;

    /// <summary>
    /// A List of the Deployments <c>blue</c> and <c>green</c>, their pods labelled <c>app: orders</c>, and a Service that
    /// selects them. Each pod template ends with its own <paramref name="blueSpec"/> and <paramref name="greenSpec"/>
    /// (the <c>spec</c> key and, indented by 8, what follows), so that one may alias what the other anchors.
    /// </summary>
    public static string BlueGreen(string blueSpec, string greenSpec) => $$$"""
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: blue}
          spec:
            template:
              metadata: {labels: {app: orders}}
              {{{blueSpec}}}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: green}
          spec:
            template:
              metadata: {labels: {app: orders}}
              {{{greenSpec}}}
        - apiVersion: v1
          kind: Service
          metadata: {name: orders}
          spec:
            selector: {app: orders}
        """;

    /// <summary>A set read through the real reader, without caching.</summary>
    public static ManifestSet Set(params (string Path, string Text)[] files) =>
        ManifestSet.Create(
            files.Select(file => (AdditionalText)new InMemoryFile(file.Path, file.Text)).ToImmutableArray(),
            "/",
            TextModels.Fresh,
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
