using Microsoft.CodeAnalysis;
using ShutdownGuard.Manifests;
using ShutdownGuard.Tests.Rules;
using ShutdownGuard.Tests.Verification;
using Xunit.Abstractions;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Samples;

/// <summary>
/// Fixes compose: applying every offered fix, in any order, ends with nothing left to fix, and never undoes what another
/// fix did. Each order ranks the kinds of fix offered at the start (every permutation of up to four, else 20 seeded
/// shuffles); at each step the best-ranked offered fix is applied and the app analysed again.
/// </summary>
public class FixConvergenceTests(ITestOutputHelper output)
{
    private const int MaxSteps = 15;
    private const int ShuffledOrders = 20;

    private const string WebApp = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();

        app.MapGet("/ready", () => "ready");
        app.MapGet("/orders", () => new[] { "book" });

        app.Run();

        """;

    private const string Dockerfile = "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nWORKDIR /app\nCOPY app/ .\nENTRYPOINT [\"dotnet\", \"OrdersApi.dll\"]\n";

    private static readonly string ReadinessProbe = ProbeManifests.Probe("readinessProbe", ProbeManifests.HttpGet("/ready"));

    public static TheoryData<string> Apps => new(AppFiles.Keys.Order(StringComparer.Ordinal));

    private static readonly IReadOnlyDictionary<string, (string Project, Dictionary<string, string> Files)> AppFiles = new Dictionary<string, (string, Dictionary<string, string>)>
    {
        ["BrokenApp"] = ("BrokenApp", BrokenApp()),
        ["defaults"] = ("OrdersApi", new()
        {
            ["Program.cs"] = WebApp,
            ["Dockerfile"] = Dockerfile,
            ["k8s/deployment.yaml"] = ServedDeployment(ReadinessProbe),
        }),
        ["grace 60, preStop 5, timeout 50"] = ("OrdersApi", new()
        {
            ["Program.cs"] = WebApp.Replace("var app", "builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(50));\nvar app"),
            ["Dockerfile"] = Dockerfile.Replace("[\"dotnet\", \"OrdersApi.dll\"]", "dotnet OrdersApi.dll"),
            ["k8s/deployment.yaml"] = ServedDeployment("        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n", "      terminationGracePeriodSeconds: 60\n")
                .Replace("spec:\n  template:", "spec:\n  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 1\n  template:"),
        }),
        ["ShutdownTimeout 5 set in code"] = ("OrdersApi", new()
        {
            ["Program.cs"] = WebApp.Replace("var app", "builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(5));\nvar app"),
            ["Dockerfile"] = Dockerfile,
            ["k8s/deployment.yaml"] = ServedDeployment(ReadinessProbe),
        }),
        ["ShutdownTimeout 40 in appsettings"] = ("OrdersApi", new()
        {
            ["Program.cs"] = WebApp,
            ["appsettings.json"] = "{\n  \"shutdownTimeoutSeconds\": \"40\"\n}\n",
            ["Dockerfile"] = Dockerfile,
            ["k8s/deployment.yaml"] = ServedDeployment(ReadinessProbe),
        }),
        ["several workloads"] = ("OrdersApi", new()
        {
            ["Program.cs"] = WebApp,
            ["Dockerfile"] = Dockerfile,
            ["k8s/deployment.yaml"] = ServedDeployment(ReadinessProbe, "      terminationGracePeriodSeconds: 45\n"),
            ["k8s/canary.yaml"] = ServedDeployment().Replace("name: orders\n", "name: orders-canary\n"),
            ["k8s/replay.yaml"] = ServedDeployment(podSpec: "      terminationGracePeriodSeconds: 20\n", kind: "StatefulSet").Replace("orders\n", "orders-replay\n"),
        }),
        ["worker ignoring its token"] = ("OrdersWorker", new()
        {
            ["Program.cs"] = """
                var builder = Host.CreateApplicationBuilder(args);
                builder.Services.AddHostedService<Worker>();
                builder.Build().Run();

                internal sealed class Worker : BackgroundService
                {
                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        while (true)
                        {
                            await Task.Delay(1000);
                        }
                    }
                }

                """,
            ["Dockerfile"] = "FROM mcr.microsoft.com/dotnet/runtime:10.0\nWORKDIR /app\nCOPY app/ .\nENTRYPOINT dotnet OrdersWorker.dll\n",
            ["k8s/deployment.yaml"] = Deployment("orders-worker"),
        }),
        ["probe on port 80 of an aspnet:10.0 image"] = ("OrdersApi", new()
        {
            ["Program.cs"] = WebApp,
            ["Dockerfile"] = Dockerfile,
            ["k8s/deployment.yaml"] = ServedDeployment(ProbeManifests.Probe("readinessProbe", ProbeManifests.HttpGet("/ready", "80")), "      terminationGracePeriodSeconds: 60\n").Replace("8080", "80"),
        }),
    };

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task Every_order_of_the_fixes_ends_with_nothing_left_to_fix(string app)
    {
        var (projectName, files) = AppFiles[app];
        var states = new StateGraph();
        var start = await states.AddAsync(await SampleFixer.CreateAsync(projectName, files));
        var kinds = states[start].Fixes.Select(fix => fix.Kind).Distinct().Order(StringComparer.Ordinal).ToList();
        var orders = kinds.Count <= 4 ? Permutations(kinds) : Enumerable.Range(0, ShuffledOrders).Select(seed => Shuffled(kinds, seed));

        // Each end state is checked once, named by the first sequence of fixes that reached it.
        var ends = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            var (end, applied) = await RunAsync(states, start, order);
            ends.TryAdd(end, applied);
        }

        var fixable = ExportedComponents.CodeFixes().SelectMany(fix => fix.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
        var unfixableAtStart = (await SampleFixer.DiagnosticsAsync(states[start].Project)).Select(diagnostic => diagnostic.Id).Where(id => !fixable.Contains(id)).ToHashSet(StringComparer.Ordinal);
        foreach (var (end, applied) in ends)
        {
            await CheckEndAsync(states[end].Project, unfixableAtStart, applied);
        }

        output.WriteLine($"{kinds.Count} kinds of fix at the start, {states.Count} states, {ends.Count} end states");
    }

    /// <summary>Applies the offered fixes in the order's ranking until none is offered; returns the end state and the
    /// fixes applied.</summary>
    private static async Task<(string End, List<string> Applied)> RunAsync(StateGraph states, string start, List<string> order)
    {
        var seen = new List<string> { start };
        var applied = new List<string>();
        var current = start;
        while (states[current].Fixes.Count > 0)
        {
            Assert.True(applied.Count < MaxSteps, "No end after " + MaxSteps + " fixes: " + string.Join(" → ", applied));
            var fix = states[current].Fixes.OrderBy(fix => Rank(order, fix.Kind)).First();
            applied.Add(fix.Kind);
            var next = await states.ApplyAsync(current, fix);
            Assert.False(seen.Contains(next), "The fixes come back to an earlier state: " + string.Join(" → ", applied));
            seen.Add(next);
            current = next;
        }

        return (current, applied);
    }

    /// <summary>The kind's place in the order; kinds that appear only later come after, in a fixed order.</summary>
    private static int Rank(List<string> order, string kind)
    {
        var index = order.IndexOf(kind);
        return index >= 0 ? index : order.Count;
    }

    /// <summary>What is left: code that compiles (checked at every step), no finding that has a fix, no finding of a rule
    /// that did not report at the start (a fix made it: an unreadable manifest, SG2001, say), manifests that read.</summary>
    private static async Task CheckEndAsync(Project project, IReadOnlySet<string> unfixableAtStart, List<string> applied)
    {
        var left = (await SampleFixer.DiagnosticsAsync(project)).Where(diagnostic => !unfixableAtStart.Contains(diagnostic.Id)).ToList();
        Assert.True(left.Count == 0, $"After {string.Join(" → ", applied)}:\n{string.Join("\n", left)}");
        foreach (var manifest in project.AdditionalDocuments.Where(document => document.FilePath!.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            Assert.Null(ManifestReader.Read(await manifest.GetTextAsync(), false, CancellationToken.None).Problem);
        }
    }

    private static IEnumerable<List<string>> Permutations(List<string> items) => items.Count <= 1
        ? new[] { items }
        : items.SelectMany(first => Permutations(items.Where(item => item != first).ToList()).Select(rest => rest.Prepend(first).ToList()));

    private static List<string> Shuffled(List<string> items, int seed)
    {
        var random = new Random(seed);
        return items.OrderBy(_ => random.Next()).ToList();
    }

    private static Dictionary<string, string> BrokenApp()
    {
        var folder = RepositoryFiles.PathOf("samples/BrokenApp");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal) && !path.EndsWith(".csproj", StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(folder, path)), StringComparer.Ordinal);
    }

    /// <summary>The states the fixes reach, each analysed once, and the fixes between them, each applied once.</summary>
    private sealed class StateGraph
    {
        private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
        private readonly Dictionary<(string State, string Fix), string> _transitions = new();

        public int Count => _states.Count;

        public State this[string key] => _states[key];

        public async Task<string> AddAsync(Project project)
        {
            var key = string.Join("\0", (await SampleFixer.FilesAsync(project)).Select(file => file.Key + "\0" + file.Value));
            if (!_states.ContainsKey(key))
            {
                _states[key] = new State(project, await SampleFixer.OfferedFixesAsync(project));
            }

            return key;
        }

        public async Task<string> ApplyAsync(string state, OfferedFix fix)
        {
            var transition = (state, fix.Kind + "\0" + fix.Diagnostic.Location.SourceSpan);
            if (!_transitions.TryGetValue(transition, out var next))
            {
                next = await AddAsync(await SampleFixer.ApplyAsync(fix));
                _transitions[transition] = next;
            }

            return next;
        }
    }

    private sealed record State(Project Project, IReadOnlyList<OfferedFix> Fixes);
}
