using System.Text.Json;

namespace ShutdownGuard.IntegrationTests.Rendering;

[Collection(PackageCollection.Name)]
public sealed class RenderBuildTests(PackageFixture package)
{
    private const string RenderDirectory = "obj/Debug/net10.0/shutdownguard";

    [RenderToolsFact]
    public async Task Helm_chart_is_rendered_without_secrets_or_tests_and_a_second_build_runs_no_tool()
    {
        var consumer = ConsumerProject.Create(package);
        var helm = CountingTool.Wrapping(RenderTools.Helm, ToolsFolder(consumer));
        ChartFiles.WriteChart(consumer, "deploy/chart");

        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={helm.Path}");

        var index = RenderIndexFile.Read(consumer);
        Assert.Equal((1, "Orders.Api.csproj"), (index.Version, index.Project));
        var render = Assert.Single(index.Renders);
        Assert.Equal(
            ("helm", "release-name", "deploy/chart", "rendered", "helm", (string?)null, $"{RenderDirectory}/1/rendered.yaml"),
            (render.Kind, render.Name, render.Source, render.Status, render.Tool, render.Error, render.Output));
        Assert.Equal(["deploy/chart/values.yaml"], render.ValueFiles);
        Assert.Empty(render.Set);
        Assert.Equal(ChartFiles.FilesUnder(consumer, "deploy/chart"), render.Inputs);
        var rendered = consumer.ReadFile(render.Output!);
        Assert.Contains("# Source: orders/templates/deployment.yaml", rendered);
        Assert.Contains("name: release-name-orders-api", rendered);
        Assert.DoesNotContain("kind: Secret", rendered);
        Assert.DoesNotContain("connection-test", rendered);
        Assert.All(
            Directory.EnumerateFiles(consumer.PathOf("obj"), "*", SearchOption.AllDirectories),
            file => Assert.DoesNotContain(ChartFiles.SecretValue, File.ReadAllText(file)));
        Assert.Equal(1, helm.Runs);

        var writtenAt = File.GetLastWriteTimeUtc(consumer.PathOf(render.Output!));
        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={helm.Path}");

        Assert.Equal(1, helm.Runs);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(consumer.PathOf(render.Output!)));
    }

    [RenderToolsFact]
    public async Task Design_time_build_runs_no_tool_and_hands_the_last_render_to_the_compiler()
    {
        var consumer = ConsumerProject.Create(package);
        var helm = CountingTool.Wrapping(RenderTools.Helm, ToolsFolder(consumer));
        ChartFiles.WriteChart(consumer, "deploy/chart");
        consumer.Environment["PATH"] = Path.GetDirectoryName(helm.Path) + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");

        var beforeAnyRender = await DesignTimeBuildAsync(consumer);
        Assert.Equal(0, helm.Runs);
        Assert.DoesNotContain(beforeAnyRender.AdditionalFiles, file => file.Contains("/shutdownguard/", StringComparison.Ordinal));
        Assert.Contains(consumer.PathOf("deploy/chart/templates/_helpers.tpl"), beforeAnyRender.UpToDateCheckInputs);

        await BuildAsync(consumer);
        Assert.Equal(1, helm.Runs);
        consumer.WriteFile("deploy/chart/values.yaml", "replicaCount: 4\n");

        var afterRender = await DesignTimeBuildAsync(consumer);
        Assert.Equal(1, helm.Runs);
        Assert.Contains(consumer.PathOf(RenderIndexFile.RelativePath), afterRender.AdditionalFiles);
        Assert.Contains(consumer.PathOf($"{RenderDirectory}/1/rendered.yaml"), afterRender.AdditionalFiles);

        await BuildAsync(consumer);
        Assert.Equal(2, helm.Runs);
        Assert.Contains("replicas: 4", consumer.ReadFile($"{RenderDirectory}/1/rendered.yaml"));
    }

    [RenderToolsFact]
    public async Task Missing_tool_is_recorded_and_the_earlier_render_is_kept()
    {
        var consumer = ConsumerProject.Create(package);
        ChartFiles.WriteChart(consumer, "deploy/chart");
        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={RenderTools.Helm}");
        var output = RenderIndexFile.Read(consumer).Single("deploy/chart").Output!;
        var rendered = consumer.ReadFile(output);

        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={Path.Combine(ToolsFolder(consumer), "not-installed", "helm")}");

        var render = RenderIndexFile.Read(consumer).Single("deploy/chart");
        Assert.Equal(("missingTool", "helm", (string?)null, output), (render.Status, render.Tool, render.Error, render.Output));
        Assert.Equal(rendered, consumer.ReadFile(output));
    }

    [RenderToolsFact]
    public async Task Failing_charts_record_their_first_error_line_while_the_build_and_the_other_chart_succeed()
    {
        var consumer = ConsumerProject.Create(package);
        ChartFiles.WriteChart(consumer, "charts/good");
        ChartFiles.WriteChart(consumer, "charts/broken");
        consumer.WriteFile("charts/broken/templates/configmap.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Values.name | nosuchfunction }}

            """);
        ChartFiles.WriteChart(consumer, "charts/strict");
        consumer.WriteFile("charts/strict/templates/configmap.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ required "imageRepository must be set" .Values.imageRepository }}

            """);

        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={RenderTools.Helm}");

        var index = RenderIndexFile.Read(consumer);
        Assert.Equal(["charts/broken", "charts/good", "charts/strict"], index.Renders.Select(r => r.Source));
        Assert.Equal("rendered", index.Single("charts/good").Status);
        var broken = index.Single("charts/broken");
        Assert.Equal(("failed", (string?)null), (broken.Status, broken.Output));
        Assert.StartsWith("parse error at (orders/templates/configmap.yaml:4)", broken.Error);
        Assert.Contains("\"nosuchfunction\" not defined", broken.Error);
        var strict = index.Single("charts/strict");
        Assert.Equal(("failed", (string?)null), (strict.Status, strict.Output));
        Assert.StartsWith("execution error at (orders/templates/configmap.yaml:4:", strict.Error);
        Assert.EndsWith("imageRepository must be set", strict.Error);
    }

    [RenderToolsFact]
    public async Task Chart_with_unvendored_dependencies_fails_without_running_helm()
    {
        var consumer = ConsumerProject.Create(package);
        var helm = CountingTool.Wrapping(RenderTools.Helm, ToolsFolder(consumer));
        ChartFiles.WriteChart(consumer, "deploy/chart");
        consumer.WriteFile("deploy/chart/Chart.yaml", """
            apiVersion: v2
            name: orders
            version: 0.1.0
            dependencies:
              - name: redis
                version: 19.0.0
                repository: https://charts.example.com
              - name: common
                version: 2.0.0
                repository: https://charts.example.com

            """);
        consumer.WriteFile("deploy/chart/charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 2.0.0\n");

        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={helm.Path}");

        var render = RenderIndexFile.Read(consumer).Single("deploy/chart");
        Assert.Equal(("failed", (string?)null), (render.Status, render.Output));
        Assert.Contains("redis", render.Error);
        Assert.DoesNotContain("common", render.Error);
        Assert.Contains("helm dependency build", render.Error);
        Assert.Equal(0, helm.Runs);
    }

    [RenderToolsFact]
    public async Task Kustomize_overlay_is_rendered_with_origin_annotations_and_its_base_is_not_rendered_alone()
    {
        var consumer = ConsumerProject.Create(package);
        ChartFiles.WriteKustomizeBaseAndOverlay(consumer, "k8s/base", "k8s/overlays/prod");

        await BuildAsync(consumer, $"-p:ShutdownGuardKustomizePath={RenderTools.Kubectl}");

        var render = Assert.Single(RenderIndexFile.Read(consumer).Renders);
        Assert.Equal(
            ("kustomize", "k8s/overlays/prod", "k8s/overlays/prod/kustomization.yaml", "rendered", "kubectl", (string?)null),
            (render.Kind, render.Name, render.Source, render.Status, render.Tool, render.Error));
        Assert.Empty(render.ValueFiles);
        Assert.Equal(
            ["k8s/base/deployment.yaml", "k8s/base/kustomization.yaml", "k8s/overlays/prod/kustomization.yaml", "k8s/overlays/prod/replicas.yaml"],
            render.Inputs);
        var rendered = consumer.ReadFile(render.Output!);
        Assert.Contains("replicas: 3", rendered);
        Assert.DoesNotContain("kind: Secret", rendered);
        Assert.DoesNotContain(ChartFiles.SecretValue, rendered);

        // Origin paths are relative to the rendered file's folder, where the wrapper kustomization is.
        var origin = rendered.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("path: ", StringComparison.Ordinal))["path: ".Length..];
        var renderFolder = Path.GetDirectoryName(consumer.PathOf(render.Output!))!;
        Assert.Equal(consumer.PathOf("k8s/base/deployment.yaml"), Path.GetFullPath(Path.Combine(renderFolder, origin)));

        // The wrapper kustomization beside the rendered file, an AdditionalFile, is never taken for a root.
        var index = consumer.ReadFile(RenderIndexFile.RelativePath);
        await DesignTimeBuildAsync(consumer);
        await BuildAsync(consumer, $"-p:ShutdownGuardKustomizePath={RenderTools.Kubectl}");
        Assert.Equal(index, consumer.ReadFile(RenderIndexFile.RelativePath));
    }

    [RenderToolsFact]
    public async Task Kustomization_with_a_remote_base_fails_without_running_the_tool()
    {
        var consumer = ConsumerProject.Create(package);
        var kubectl = CountingTool.Wrapping(RenderTools.Kubectl, ToolsFolder(consumer));
        ChartFiles.WriteKustomizeBaseAndOverlay(consumer, "k8s/base", "k8s/overlays/prod");
        consumer.WriteFile("k8s/base/kustomization.yaml", """
            resources:
              - deployment.yaml
              - https://github.com/example/manifests//monitoring?ref=v1.0.0

            """);

        await BuildAsync(consumer, $"-p:ShutdownGuardKustomizePath={kubectl.Path}");

        var render = RenderIndexFile.Read(consumer).Single("k8s/overlays/prod/kustomization.yaml");
        Assert.Equal(("failed", (string?)null), (render.Status, render.Output));
        Assert.Contains("https://github.com/example/manifests//monitoring?ref=v1.0.0", render.Error);
        Assert.Contains("k8s/base/kustomization.yaml", render.Error);
        Assert.Contains("remote", render.Error);
        Assert.Equal(0, kubectl.Runs);
    }

    [RenderToolsFact]
    public async Task Changed_helm_property_renders_again()
    {
        var consumer = ConsumerProject.Create(package);
        var helm = CountingTool.Wrapping(RenderTools.Helm, ToolsFolder(consumer));
        ChartFiles.WriteChart(consumer, "deploy/chart");

        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={helm.Path}", "-p:ShutdownGuardHelmSet=replicaCount=2");
        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={helm.Path}", "-p:ShutdownGuardHelmSet=replicaCount=5");

        Assert.Equal(2, helm.Runs);
        var render = RenderIndexFile.Read(consumer).Single("deploy/chart");
        Assert.Equal(["replicaCount=5"], render.Set);
        Assert.Contains("replicas: 5", consumer.ReadFile(render.Output!));
    }

    [RenderToolsFact]
    public async Task Release_items_render_one_environment_each_with_their_values_namespace_and_kubernetes_version()
    {
        var consumer = ConsumerProject.Create(package, $"""
              <PropertyGroup>
                <ShutdownGuardHelmPath>{RenderTools.Helm}</ShutdownGuardHelmPath>
                <ShutdownGuardKubernetesVersion>1.29.4</ShutdownGuardKubernetesVersion>
              </PropertyGroup>
              <ItemGroup>
                <ShutdownGuardHelmRelease Include="prod" Chart="deploy/chart" Values="deploy/chart/values.yaml;deploy/values-prod.yaml" Set="terminationGracePeriodSeconds=90" Namespace="orders" />
                <ShutdownGuardHelmRelease Include="staging" Chart="deploy/chart" Values="deploy/values-staging.yaml" />
              </ItemGroup>
            """);
        ChartFiles.WriteChart(consumer, "deploy/chart");
        consumer.WriteFile("deploy/chart/templates/cluster.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cluster
            data:
              kubernetes: {{ .Capabilities.KubeVersion.Version }}
              namespace: {{ .Release.Namespace }}

            """);
        consumer.WriteFile("deploy/values-prod.yaml", "replicaCount: 6\n");
        consumer.WriteFile("deploy/values-staging.yaml", "replicaCount: 2\n");

        await BuildAsync(consumer);

        var index = RenderIndexFile.Read(consumer);
        Assert.Equal(["prod", "staging"], index.Renders.Select(r => r.Name));
        var (prod, staging) = (index.Renders[0], index.Renders[1]);
        Assert.Equal(["deploy/chart/values.yaml", "deploy/values-prod.yaml"], prod.ValueFiles);
        Assert.Equal(["terminationGracePeriodSeconds=90"], prod.Set);
        Assert.Contains("deploy/values-prod.yaml", prod.Inputs);
        Assert.Equal(["deploy/chart/values.yaml", "deploy/values-staging.yaml"], staging.ValueFiles);
        var prodRendered = consumer.ReadFile(prod.Output!);
        Assert.Contains("name: prod-orders-api", prodRendered);
        Assert.Contains("replicas: 6", prodRendered);
        Assert.Contains("terminationGracePeriodSeconds: 90", prodRendered);
        Assert.Contains("kubernetes: v1.29.4", prodRendered);
        Assert.Contains("namespace: orders", prodRendered);
        Assert.Contains("replicas: 2", consumer.ReadFile(staging.Output!));
    }

    [Fact]
    public async Task Tool_past_the_time_limit_is_killed_and_recorded_as_failed()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var consumer = ConsumerProject.Create(package);
        ChartFiles.WriteChart(consumer, "deploy/chart");
        var hangingHelm = Path.Combine(ToolsFolder(consumer), "helm");
        Directory.CreateDirectory(ToolsFolder(consumer));
        File.WriteAllText(hangingHelm, "#!/bin/sh\nsleep 60\n");
        File.SetUnixFileMode(hangingHelm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={hangingHelm}", "-p:ShutdownGuardRenderTimeoutSeconds=2");

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), stopwatch.Elapsed.ToString());
        var render = RenderIndexFile.Read(consumer).Single("deploy/chart");
        Assert.Equal(("failed", "helm did not finish within 2 s (ShutdownGuardRenderTimeoutSeconds)"), (render.Status, render.Error));
    }

    [Fact]
    public async Task Render_off_writes_no_index()
    {
        var consumer = ConsumerProject.Create(package);
        ChartFiles.WriteChart(consumer, "deploy/chart");

        await BuildAsync(consumer, "-p:ShutdownGuardRender=false");

        Assert.False(Directory.Exists(consumer.PathOf(RenderDirectory)));
    }

    private static string ToolsFolder(ConsumerProject consumer) => Path.Combine(Path.GetDirectoryName(consumer.Directory)!, "tools");

    private static async Task BuildAsync(ConsumerProject consumer, params string[] arguments)
    {
        var build = await consumer.BuildAsync(arguments);
        Assert.True(build.ExitCode == 0, build.Output);
    }

    /// <summary>What Visual Studio and C# Dev Kit run: the compiler's command line, without compiling.</summary>
    private static async Task<(List<string> AdditionalFiles, List<string> UpToDateCheckInputs)> DesignTimeBuildAsync(ConsumerProject consumer)
    {
        var result = await consumer.DotNetAsync(
        [
            "msbuild", "-restore", "-nologo", "-tl:off", "-nodeReuse:false", "-t:Compile;ShutdownGuardDiscoverRenders",
            "-p:DesignTimeBuild=true", "-p:BuildingProject=false", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true",
            "-getItem:CscCommandLineArgs", "-getItem:UpToDateCheckInput",
        ]);
        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]);
        var items = json.RootElement.GetProperty("Items");
        const string AdditionalFile = "/additionalfile:";
        var additionalFiles = items.GetProperty("CscCommandLineArgs").EnumerateArray()
            .Select(item => item.GetProperty("Identity").GetString()!)
            .Where(argument => argument.StartsWith(AdditionalFile, StringComparison.Ordinal))
            .Select(argument => argument[AdditionalFile.Length..])
            .ToList();
        var upToDateCheckInputs = items.GetProperty("UpToDateCheckInput").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .ToList();
        return (additionalFiles, upToDateCheckInputs);
    }
}
