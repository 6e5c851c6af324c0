using System.Globalization;
using System.Text;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// A generated project of the size that makes an analyzer's cost visible: many ordinary C# files, optionally a web
/// host with many endpoints, and one multi-document manifest with many workloads (one of them runs this project).
/// </summary>
internal sealed class LargeProject
{
    public const string Name = "LargeApp";
    public const string ManifestPath = "k8s/workloads.yaml";
    public const string DockerfilePath = "Dockerfile";

    private const int LinesPerWorkload = 100;

    /// <summary>How many async methods a real-shaped module has.</summary>
    private const int MethodsPerModule = 10;

    public LargeProject(int fileCount, bool webHost, int endpointCount, int workloadCount, BodyShape bodies = BodyShape.Small)
    {
        FileCount = fileCount;
        Bodies = bodies;
        WebHost = webHost;
        EndpointCount = endpointCount;
        WorkloadCount = workloadCount;
    }

    /// <summary>1,000 files, no host: a library as most projects of a solution are.</summary>
    public static LargeProject Library { get; } = new(1_000, webHost: false, endpointCount: 0, workloadCount: 200);

    /// <summary>The same files plus a web host with 200 endpoints, and a 20,000-line manifest with 200 workloads.</summary>
    public static LargeProject WebApp { get; } = new(1_000, webHost: true, endpointCount: 200, workloadCount: 200);

    /// <summary>The library, each module with the bodies of <see cref="BodyShape.RealShaped"/>.</summary>
    public static LargeProject RealShapedLibrary { get; } = new(1_000, webHost: false, endpointCount: 0, workloadCount: 200, BodyShape.RealShaped);

    /// <summary>The web app, each module with the bodies of <see cref="BodyShape.RealShaped"/>.</summary>
    public static LargeProject RealShapedWebApp { get; } = new(1_000, webHost: true, endpointCount: 200, workloadCount: 200, BodyShape.RealShaped);

    public static LargeProject Of(BodyShape bodies, bool webHost) => (bodies, webHost) switch
    {
        (BodyShape.Small, false) => Library,
        (BodyShape.Small, true) => WebApp,
        (_, false) => RealShapedLibrary,
        (_, true) => RealShapedWebApp,
    };

    public int FileCount { get; }

    public BodyShape Bodies { get; }

    public bool WebHost { get; }

    public int EndpointCount { get; }

    public int WorkloadCount { get; }

    /// <summary>The C# files, by path relative to the project folder.</summary>
    public IEnumerable<(string Path, string Text)> Sources()
    {
        for (var i = 0; i < FileCount; i++)
        {
            yield return ($"Modules/Module{i:0000}.cs", Bodies == BodyShape.Small ? Module(i) : RealShapedModule(i));
        }

        if (WebHost)
        {
            yield return ("Program.cs", Program());
            yield return ("Endpoints/CatalogEndpoints.cs", CatalogEndpoints());
        }
    }

    /// <summary>The additional files: the manifest and the Dockerfile.</summary>
    public IEnumerable<(string Path, string Text)> AdditionalFiles()
    {
        yield return (ManifestPath, Manifest());
        yield return (DockerfilePath, Dockerfile());
    }

    /// <summary>Writes a buildable project that consumes ShutdownGuard from the repository, as the samples do.</summary>
    public void WriteTo(string directory, string repositoryRoot)
    {
        Directory.CreateDirectory(directory);
        var samples = Path.Combine(Path.GetFullPath(repositoryRoot), "samples");
        Write(directory, "Directory.Build.props", $"""
            <Project>
              <Import Project="{Path.Combine(samples, "Directory.Build.props")}" />
            </Project>
            """);
        Write(directory, "Directory.Build.targets", $"""
            <Project>
              <Import Project="{Path.Combine(samples, "Directory.Build.targets")}" />
            </Project>
            """);
        Write(directory, Name + ".csproj", $"""
            <Project Sdk="{(WebHost ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>{(WebHost ? "Exe" : "Library")}</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <!-- The SDK's own analyzers, every rule on, to compare ShutdownGuard's cost with theirs. -->
                <EnableNETAnalyzers>true</EnableNETAnalyzers>
                <AnalysisMode>All</AnalysisMode>
                <NoWarn>$(NoWarn);CA1002;CA1031;CA1062;CA1303;CA1515;CA1707;CA1848;CA2007</NoWarn>
                <!-- CA2000 and CA1508 (on in mode All only) run an interprocedural data-flow analysis per method that takes minutes on
                     ten thousand async methods: off, so the other analyzers, not these two, are what ShutdownGuard is compared with. -->
                <NoWarn>$(NoWarn);CA1508;CA2000</NoWarn>
                <!-- The samples' code-style checks are not what is compared: the SDK's analyzers are. -->
                <EnforceCodeStyleInBuild>false</EnforceCodeStyleInBuild>
              </PropertyGroup>
            </Project>
            """);
        foreach (var (path, text) in Sources().Concat(AdditionalFiles()))
        {
            Write(directory, path, text);
        }
    }

    private static void Write(string directory, string relativePath, string text)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Module(int index) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        namespace LargeApp.Modules;

        public sealed class Module{{index:0000}}
        {
            private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds({{index % 50 + 1}});
            private readonly List<int> _values = new();

            public string Name { get; } = "module-{{index:0000}}";

            public int Count => _values.Count;

            public void Add(int value)
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value));
                }

                _values.Add(value * 2 + {{index % 7}});
            }

            public int Sum() => _values.Where(value => value % 3 != 0).Select(value => value * 2).Sum();

            public async Task<int> ComputeAsync(CancellationToken cancellationToken)
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                var total = 0;
                foreach (var value in _values)
                {
                    total += value;
                }

                return total + Name.Length;
            }

            public override string ToString() => $"{Name}: {Count} values, sum {Sum()}";
        }

        """;

    /// <summary>
    /// A module as application code is written: <see cref="MethodsPerModule"/> async methods, each with a LINQ query
    /// whose lambdas capture a local, <c>foreach</c>, string interpolation, an object initialiser, property and field
    /// assignments, and an awaited call of a method of the project, none of it touching hosting.
    /// </summary>
    private static string RealShapedModule(int index)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            namespace LargeApp.Modules;

            public sealed class Order{{index:0000}}
            {
                public int Id { get; set; }

                public string Customer { get; set; } = "";

                public decimal Amount { get; set; }

                public DateTime PlacedAt { get; set; }
            }

            public sealed class Module{{index:0000}}
            {
                private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds({{index % 50 + 1}});
                private readonly List<Order{{index:0000}}> _orders = new();
                private readonly Dictionary<string, decimal> _totals = new(StringComparer.Ordinal);
                private int _processed;

                public string Name { get; } = "module-{{index:0000}}";

                public DateTime LastRun { get; private set; }

            """);
        for (var method = 0; method < MethodsPerModule; method++)
        {
            builder.Append(CultureInfo.InvariantCulture, $$"""

                    public async Task<int> Step{{method}}Async(decimal threshold, CancellationToken cancellationToken)
                    {
                        var minimum = threshold * {{method + 2}}m;
                        var large = _orders.Where(order => order.Amount > minimum).OrderByDescending(order => order.Amount).Take({{method + 5}}).ToList();
                        var lines = new List<string>();
                        foreach (var order in large)
                        {
                            _totals[order.Customer] = order.Amount;
                            lines.Add($"{order.Id,6}: {order.Customer} paid {order.Amount:F2} on {order.PlacedAt:yyyy-MM-dd}");
                            _processed++;
                        }

                        var created = new Order{{index:0000}} { Id = _processed + {{method}}, Customer = $"{Name}-{lines.Count}", Amount = minimum, PlacedAt = DateTime.UnixEpoch };
                        _orders.Add(created);
                        await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                        LastRun = created.PlacedAt;
                        var summary = string.Join(", ", lines.Select(line => line.Trim()));
                        return summary.Length + await CountAsync(cancellationToken).ConfigureAwait(false);
                    }

                """);
        }

        builder.Append("""

                private Task<int> CountAsync(CancellationToken cancellationToken) =>
                    cancellationToken.IsCancellationRequested ? Task.FromCanceled<int>(cancellationToken) : Task.FromResult(_orders.Count);
            }

            """);
        return builder.ToString();
    }

    /// <summary>Half of the endpoints are mapped here, half in a route group of an extension method.</summary>
    private string Program()
    {
        var builder = new StringBuilder("""
            using LargeApp.Endpoints;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/ready");
            app.MapHealthChecks("/live");

            """);
        for (var i = 0; i < EndpointCount / 2; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"app.MapGet(\"/status/{i}\", () => Results.Ok({i}));\n");
        }

        builder.Append("app.MapCatalog();\napp.Run();\n");
        return builder.ToString();
    }

    private string CatalogEndpoints()
    {
        var builder = new StringBuilder("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace LargeApp.Endpoints;

            public static class CatalogEndpoints
            {
                public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder routes)
                {
                    var group = routes.MapGroup("/api/catalog");

            """);
        for (var i = EndpointCount / 2; i < EndpointCount; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"        group.MapGet(\"/items{i}/{{id:int}}\", (int id) => Results.Ok(id + {i}));\n");
        }

        builder.Append("        return routes;\n    }\n}\n");
        return builder.ToString();
    }

    /// <summary>
    /// Workloads of <see cref="LinesPerWorkload"/> lines each (a Deployment and its Service), padded with environment
    /// variables. The first runs this project: no preStop hook and the default grace period, which ShutdownTimeout's
    /// default of 30 s does not fit.
    /// </summary>
    private string Manifest()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < WorkloadCount; i++)
        {
            var name = i == 0 ? "large-app" : $"service-{i:000}";
            var head = $"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {name}
                  labels:
                    app: {name}
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      app: {name}
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxUnavailable: 0
                      maxSurge: 1
                  template:
                    metadata:
                      labels:
                        app: {name}
                    spec:
                      containers:
                        - name: {name}
                          image: registry.example.com/{name}:1.0
                          ports:
                            - containerPort: 8080
                          readinessProbe:
                            httpGet:
                              path: /ready
                              port: 8080
                            periodSeconds: 5
                          livenessProbe:
                            httpGet:
                              path: /live
                              port: 8080
                            periodSeconds: 10
                          resources:
                            requests:
                              cpu: 100m
                              memory: 128Mi
                          env:

                """;
            var tail = $"""
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: {name}
                spec:
                  selector:
                    app: {name}
                  ports:
                    - port: 80
                      targetPort: 8080
                ---

                """;
            builder.Append(head);
            var padding = LinesPerWorkload - Lines(head) - Lines(tail);
            for (var variable = 0; variable < padding / 2; variable++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"            - name: SETTING_{variable}\n              value: \"{name}-{variable}\"\n");
            }

            if (padding % 2 == 1)
            {
                builder.Append("            # generated\n");
            }

            builder.Append(tail);
        }

        return builder.ToString();
    }

    private static int Lines(string text) => text.Count(c => c == '\n');

    private static string Dockerfile() => """
        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        WORKDIR /app
        COPY out/ .
        ENTRYPOINT dotnet LargeApp.dll

        """;
}
