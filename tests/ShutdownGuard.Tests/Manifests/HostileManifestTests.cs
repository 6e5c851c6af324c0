using System.Text;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Manifests;
using ShutdownGuard.Tests.Verification;
using YamlDotNet.Core;

namespace ShutdownGuard.Tests.Manifests;

/// <summary>Input that must end in a clear Unreadable problem or in silence, never in an exception or a crash.</summary>
public class HostileManifestTests
{
    internal const string PodHeader = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";

    private static (ManifestFile File, SourceText Text) Read(string content, string path = "deploy/app.yaml") =>
        ManifestReaderTests.Read(content, path);

    private static void AssertUnreadable(ManifestFile file, SourceText text, string message, int line)
    {
        Assert.True(file.LooksLikeKubernetes);
        var problem = Assert.IsType<ManifestProblem>(file.Problem);
        Assert.Equal(ManifestProblemKind.Unreadable, problem.Kind);
        Assert.Contains(message, problem.Message);
        Assert.Equal(line, text.Lines.GetLinePosition(problem.Span.Start).Line);
        Assert.Empty(file.Workloads);
        Assert.Empty(file.Services);
    }

    private static void AssertSilentOrUnreadable(ManifestFile file)
    {
        Assert.True(file.Problem is null || file.Problem.Kind == ManifestProblemKind.Unreadable);
        Assert.True(file.Problem is null || file.LooksLikeKubernetes);
    }

    public static TheoryData<string, int> DeepDocuments() => Shapes(10_000, 100_000);

    public static TheoryData<string, int> DeepDocumentsForYamlDotNet() => Shapes(10_000);

    private static TheoryData<string, int> Shapes(params int[] depths)
    {
        var data = new TheoryData<string, int>();
        foreach (var depth in depths)
        {
            data.Add("flow-sequence", depth);
            data.Add("flow-mapping", depth);
            data.Add("block-sequence", depth);
            data.Add("unclosed-flow-sequence", depth);
        }

        return data;
    }

    internal static string Nested(string shape, int depth) => shape switch
    {
        "flow-sequence" => new string('[', depth) + new string(']', depth),
        "flow-mapping" => new StringBuilder().Insert(0, "{a: ", depth).Append('1').Append('}', depth).ToString(),
        "block-sequence" => new StringBuilder().Insert(0, "- ", depth).Append('x').ToString(),
        "unclosed-flow-sequence" => new string('[', depth),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void Deep_nesting_in_a_manifest_is_unreadable_at_the_limit(string shape, int depth)
    {
        var content = PodHeader + "spec:\n  containers:\n    " + Nested(shape, depth) + "\n";

        var (file, text) = SmallStack.Run(() => Read(content));

        AssertUnreadable(file, text, "nesting deeper than 64 levels", 6);
        Assert.InRange(file.Problem!.Span.Start, content.IndexOf("containers", StringComparison.Ordinal), content.IndexOf("containers", StringComparison.Ordinal) + 300);
    }

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void Deep_nesting_outside_Kubernetes_is_silent(string shape, int depth)
    {
        var (file, _) = SmallStack.Run(() => Read(Nested(shape, depth)));

        Assert.Null(file.Problem);
        Assert.False(file.LooksLikeKubernetes);
    }

    /// <summary>
    /// YamlDotNet's scanner and parser are state machines: a whole deep stream parses on a small stack. (At 100,000
    /// flow levels they take quadratic time, tens of seconds; the reader stops at the depth limit long before.)
    /// </summary>
    [Theory]
    [MemberData(nameof(DeepDocumentsForYamlDotNet))]
    public void Deep_nesting_does_not_recurse_in_YamlDotNet(string shape, int depth)
    {
        var content = Nested(shape, depth);

        var events = SmallStack.Run(() =>
        {
            var parser = new Parser(new StringReader(content));
            var count = 0;
            try
            {
                while (parser.MoveNext())
                {
                    count++;
                }
            }
            catch (YamlException)
            {
                // The unclosed shape is an error once the stream ends; reaching it is the point.
            }

            return count;
        });

        Assert.True(events > depth);
    }

    [Fact]
    public void Nesting_at_the_limit_is_read()
    {
        var content = PodHeader + "spec:\n  containers:\n  - name: app\n    env: " + new string('[', 60) + new string(']', 60) + "\n";

        var (file, _) = Read(content);

        Assert.Null(file.Problem);
        Assert.Single(file.Workloads);
    }

    /// <summary>Nine levels of ten aliases each: a billion nodes if expanded.</summary>
    internal static string BillionLaughs()
    {
        var builder = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        builder.Append("  a: &a [").Append(string.Join(", ", Enumerable.Repeat("\"lol\"", 10))).Append("]\n");
        for (var name = 'b'; name <= 'i'; name++)
        {
            var previous = (char)(name - 1);
            builder.Append($"  {name}: &{name} [").Append(string.Join(", ", Enumerable.Repeat("*" + previous, 10))).Append("]\n");
        }

        return builder.ToString();
    }

    [Fact]
    public void Billion_laughs_are_unreadable_at_the_alias()
    {
        var (file, text) = SmallStack.Run(() => Read(BillionLaughs()));

        // a..d expand to 11, 111, 1111, 11111 nodes; the aliases in e pass 100,000.
        AssertUnreadable(file, text, "alias expansion exceeds limit (billion laughs)", 8);
        Assert.Equal("*d", text.ToString(file.Problem!.Span));
    }

    [Fact]
    public void A_billion_laughs_through_merge_keys_is_unreadable_at_the_alias()
    {
        var builder = new StringBuilder(PodHeader + "  a: &a {x: 1, y: 2, z: 3}\n");
        for (var name = 'b'; name <= 'i'; name++)
        {
            builder.Append($"  {name}: &{name} {{<<: [").Append(string.Join(", ", Enumerable.Repeat("*" + (char)(name - 1), 10))).Append("]}\n");
        }

        var (file, text) = SmallStack.Run(() => Read(builder.ToString()));

        // Each level holds ten times the last plus its own mapping and key: the aliases of f pass 100,000.
        AssertUnreadable(file, text, "alias expansion exceeds limit (billion laughs)", 9);
    }

    [Fact]
    public void A_long_chain_of_merge_keys_is_read_without_recursion()
    {
        var builder = new StringBuilder(PodHeader + "x:\n  m0: &m0 {terminationGracePeriodSeconds: 45}\n");
        for (var i = 1; i <= 200; i++)
        {
            builder.Append($"  m{i}: &m{i} {{<<: *m{i - 1}, k{i}: {i}}}\n");
        }

        builder.Append("spec:\n  <<: *m200\n  containers: [{name: app, image: app}]\n");

        var (file, _) = SmallStack.Run(() => Read(builder.ToString()));

        Assert.Null(file.Problem);
        Assert.Equal(45, Assert.Single(file.Workloads).Pod.TerminationGracePeriodSeconds!.AsInt());
    }

    [Theory]
    [InlineData("<<: 30")]
    [InlineData("<<: ~")]
    [InlineData("<<: [*a, 30]")]
    [InlineData("<<: *s")]
    public void A_merge_key_without_mappings_is_unreadable(string merge)
    {
        var (file, text) = Read(PodHeader + "  labels: &a {app: p}\n  annotations: {note: &s text}\nspec:\n  " + merge + "\n  containers: []\n");

        AssertUnreadable(file, text, "merge key '<<' needs a mapping or a list of mappings", 7);
    }

    [Fact]
    public void An_unknown_alias_is_unreadable()
    {
        var (file, text) = Read(PodHeader + "spec:\n  containers: *nowhere\n");

        AssertUnreadable(file, text, "unknown alias '*nowhere'", 5);
    }

    [Fact]
    public void A_duplicate_key_is_unreadable_at_the_second_key()
    {
        var (file, text) = Read("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              replicas: 2
              template:
                spec:
                  containers: []
              replicas: 3
            """);

        AssertUnreadable(file, text, "duplicate key 'replicas'", 9);
        Assert.Equal("replicas", text.ToString(file.Problem!.Span));
    }

    /// <summary>Small mappings are searched for a repeated key and large ones keep a set: both must find it.</summary>
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    public void A_duplicate_key_is_found_in_mappings_of_any_size(int keys)
    {
        var labels = string.Concat(Enumerable.Range(0, keys).Select(i => $"    k{i}: v\n"));

        var (file, text) = Read(PodHeader + "  labels:\n" + labels + "    k1: again\nspec: {}\n");

        AssertUnreadable(file, text, "duplicate key 'k1'", 5 + keys);
    }

    [Fact]
    public void A_quoted_and_a_plain_key_are_the_same_key()
    {
        var (file, text) = Read("{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"kind\": \"Service\"}");

        AssertUnreadable(file, text, "duplicate key 'kind'", 1);
    }

    [Fact]
    public void A_truncated_file_is_unreadable_at_the_end()
    {
        var content = PodHeader + "spec:\n  containers:\n    - name: app\n      command: [\"dotnet\", \"Orders";

        var (file, text) = Read(content);

        AssertUnreadable(file, text, "end of stream", 7);
    }

    [Fact]
    public void A_tab_in_indentation_is_unreadable_at_the_tab()
    {
        var (file, text) = Read(PodHeader + "spec:\n  containers:\n\t- name: app\n");

        AssertUnreadable(file, text, "tab", 6);
    }

    [Fact]
    public void Invalid_YAML_outside_Kubernetes_is_silent()
    {
        var (file, _) = Read("services:\n  web: [unclosed\n", "compose.yaml");

        Assert.False(file.LooksLikeKubernetes);
        Assert.Null(file.Problem);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_unreadable()
    {
        var content = PodHeader + "data:\n  big: " + new string('x', ManifestReader.MaxChars) + "\n";

        var (file, text) = Read(content);

        AssertUnreadable(file, text, "file larger than limit", 0);
    }

    [Fact]
    public void Many_workloads_in_a_large_file_are_all_read()
    {
        var builder = new StringBuilder();
        var count = 0;
        while (builder.Length < 5_000_000)
        {
            builder.Append($$"""
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app-{{count}}
                spec:
                  replicas: 2
                  template:
                    metadata:
                      labels: {app: app-{{count}}}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/app:{{count}}
                          readinessProbe:
                            httpGet: {path: /ready, port: 8080}
                          lifecycle:
                            preStop:
                              sleep: {seconds: 5}

                """);
            count++;
        }

        var (file, text) = Read(builder.ToString());

        Assert.Null(file.Problem);
        Assert.Equal(count, file.Workloads.Length);
        var last = file.Workloads[count - 1];
        Assert.Equal("app-" + (count - 1), last.Name!.Text);
        Assert.Equal("5", text.ToString(last.Pod.Containers[0].PreStop!.DelayValue!.Span));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Binary_garbage_never_throws(int seed)
    {
        var bytes = new byte[64 * 1024];
        new Random(seed).NextBytes(bytes);

        foreach (var encoding in new[] { Encoding.UTF8, Encoding.Latin1 })
        {
            var garbage = encoding.GetString(bytes);
            AssertSilentOrUnreadable(Read(garbage).File);
            AssertSilentOrUnreadable(Read(PodHeader + garbage).File);
        }
    }

    [Fact]
    public void NUL_bytes_are_unreadable_at_the_first()
    {
        var (file, text) = Read(PodHeader + "spec:\n  containers:\n    - name: a\0pp\n\0\0\0\n");

        AssertUnreadable(file, text, "NUL character", 6);
    }

    [Fact]
    public void NUL_bytes_outside_Kubernetes_are_silent()
    {
        var (file, _) = Read("name: a\0pp\n");

        Assert.Null(file.Problem);
        Assert.False(file.LooksLikeKubernetes);
    }

    [Fact]
    public void A_very_long_line_is_read()
    {
        var value = new string('x', 2_000_000);
        var (file, text) = Read(PodHeader + "  annotations:\n    note: " + value + "\nspec:\n  containers: [{name: app}]\n");

        var workload = Assert.Single(file.Workloads);
        Assert.Equal(value, text.ToString(workload.Annotations["note"].Span));
    }

    [Fact]
    public void A_very_long_key_is_unreadable_or_read()
    {
        var (file, _) = Read(PodHeader + "  annotations:\n    " + new string('k', 100_000) + ": v\nspec:\n  containers: [{name: app}]\n");

        AssertSilentOrUnreadable(file);
        Assert.True(file.Problem != null || file.Workloads.Length == 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\n   \n")]
    [InlineData("---\n...\n")]
    public void An_empty_file_is_silent(string content)
    {
        var (file, _) = Read(content);

        Assert.False(file.LooksLikeKubernetes);
        Assert.Null(file.Problem);
        Assert.Empty(file.Workloads);
    }

    [Fact]
    public void Cancellation_propagates()
    {
        var content = string.Concat(Enumerable.Repeat(PodHeader + "---\n", 5_000));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => ManifestReader.Read(SourceText.From(content), isKustomizationFile: false, cancellation.Token));
    }
}
