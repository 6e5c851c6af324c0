namespace ShutdownGuard.IntegrationTests.Rendering;

/// <summary>
/// What a user of a chart or an overlay sees in <c>dotnet build</c> with the packed package and the real tools: the
/// cross-checks fire on what the cluster would get, and every finding stands in a file of the chart or the overlay,
/// never in the rendered output under <c>obj/</c>.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RenderedFindingsBuildTests(PackageFixture package)
{
    [RenderToolsFact]
    public async Task A_prod_values_file_that_shortens_the_grace_period_is_named_by_SG1003_in_Program_cs()
    {
        var consumer = ConsumerProject.Create(package, """
            <ItemGroup>
              <ShutdownGuardHelmRelease Include="prod" Chart="deploy/chart" Values="deploy/chart/values.yaml;deploy/values-prod.yaml" Set="replicaCount=3" />
            </ItemGroup>
            """);
        ChartFiles.WriteChart(consumer, "deploy/chart");
        consumer.WriteFile("deploy/values-prod.yaml", "# production\nterminationGracePeriodSeconds: 20\n");

        var build = await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={RenderTools.Helm}");

        var budget = Assert.Single(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG1003");
        Assert.Equal("Program.cs", Path.GetFileName(budget.Path));
        Assert.Contains("terminationGracePeriodSeconds 20 s of Deployment/prod-orders-api (deploy/values-prod.yaml:2)", budget.Message);
    }

    [RenderToolsFact]
    public async Task A_chart_outside_the_project_folder_gets_its_findings_in_its_own_files()
    {
        var consumer = ConsumerProject.Create(package, """
            <PropertyGroup>
              <ShutdownGuardHelmCharts>../charts/orders</ShutdownGuardHelmCharts>
            </PropertyGroup>
            """);
        ChartFiles.WriteChart(consumer, "../charts/orders");

        var build = await consumer.BuildAsync($"-p:ShutdownGuardHelmPath={RenderTools.Helm}");

        Assert.True(build.ExitCode == 0, build.Output);
        var template = consumer.PathOf("../charts/orders/templates/deployment.yaml");
        Assert.Contains(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG2004" && diagnostic.Path == template);
        Assert.DoesNotContain(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Path.Replace('\\', '/').Contains("/obj/", StringComparison.Ordinal));
    }

    [RenderToolsFact]
    public async Task An_unmodified_helm_create_chart_gets_its_port_findings_in_values_yaml_and_the_service_template()
    {
        var consumer = ConsumerProject.Create(package);
        var created = await DotNet.RunProgramAsync(RenderTools.Helm, consumer.Directory, ["create", "chart"], consumer.Environment);
        Assert.True(created.ExitCode == 0, created.Output);
        consumer.WriteFile("chart/values.yaml", consumer.ReadFile("chart/values.yaml").Replace("repository: nginx", "repository: registry.example.com/orders-api"));
        consumer.WriteFile("Dockerfile", AspNetImage);

        var build = await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={RenderTools.Helm}");

        var ports = build.ShutdownGuardDiagnostics.Where(diagnostic => diagnostic.Id == "SG2011").Select(Place).Order().ToList();
        Assert.Equal(["chart/templates/service.yaml:11", "chart/values.yaml:92", "chart/values.yaml:96"], ports);
        Assert.Contains(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG2004" && Place(diagnostic) == "chart/templates/deployment.yaml:36");
    }

    [RenderToolsFact]
    public async Task Only_the_prod_overlay_s_changes_are_reported_at_the_patch_and_the_inline_op_that_made_them()
    {
        var consumer = ConsumerProject.Create(package);
        WriteOverlays(consumer);
        consumer.WriteFile("Dockerfile", AspNetImage);

        var build = await BuildAsync(consumer, $"-p:ShutdownGuardKustomizePath={RenderTools.Kubectl}");

        var budget = Assert.Single(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG1003");
        Assert.Contains("terminationGracePeriodSeconds 10 s of Deployment/prod-orders-api (deploy/overlays/prod/grace.yaml:8)", budget.Message);
        var port = Assert.Single(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG2011");
        Assert.Equal("deploy/overlays/prod/kustomization.yaml:9", Place(port));
        Assert.Contains("(in overlay deploy/overlays/prod)", port.Message);
    }

    [RenderToolsFact]
    public async Task A_chart_that_fails_to_render_is_SG2012_and_the_other_chart_is_still_analysed()
    {
        var consumer = ConsumerProject.Create(package);
        ChartFiles.WriteChart(consumer, "deploy/orders");
        consumer.WriteFile("deploy/orders/values.yaml", "replicaCount: 1\nterminationGracePeriodSeconds: 20\n");
        ChartFiles.WriteChart(consumer, "deploy/billing", "billing");
        consumer.WriteFile("deploy/billing/values.yaml", "replicaCount: 1\nimage: {}\n");
        consumer.WriteFile("deploy/billing/templates/configmap.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: billing
            data:
              tag: {{ required "image.tag is required" .Values.image.tag }}

            """);

        var build = await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={RenderTools.Helm}");

        var failure = Assert.Single(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG2012");
        Assert.Equal("deploy/billing/Chart.yaml:1", Place(failure));
        Assert.Contains("Helm chart deploy/billing (release release-name) could not be rendered", failure.Message);
        Assert.True(failure.Message.Contains("image.tag is required", StringComparison.Ordinal), failure.Message);
        Assert.Contains(build.ShutdownGuardDiagnostics, diagnostic => diagnostic.Id == "SG1003" && diagnostic.Message.Contains("(deploy/orders/values.yaml:2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chart_whose_tool_is_missing_gets_SG2009_naming_the_tool_and_its_property()
    {
        var consumer = ConsumerProject.Create(package, """
            <ItemGroup>
              <EditorConfigFiles Include="info-as-warning.globalconfig" />
            </ItemGroup>
            """);
        consumer.WriteFile("info-as-warning.globalconfig", "is_global = true\ndotnet_diagnostic.SG2009.severity = warning\n");
        ChartFiles.WriteChart(consumer, "deploy/chart");

        var build = await BuildAsync(consumer, $"-p:ShutdownGuardHelmPath={consumer.PathOf("no-such-folder/helm")}");

        var unrendered = build.ShutdownGuardDiagnostics.Where(diagnostic => diagnostic.Id == "SG2009").ToList();
        Assert.NotEmpty(unrendered);
        Assert.All(unrendered, diagnostic => Assert.Contains(
            "the build renders chart deploy/chart with 'helm', which was not found; install it on PATH or set the MSBuild property ShutdownGuardHelmPath to its path",
            diagnostic.Message));
    }

    /// <summary>The image the app runs in: it listens on 8080 (ASPNETCORE_HTTP_PORTS), which the port checks need to know.</summary>
    private const string AspNetImage = "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY app/ /app/\nENTRYPOINT [\"dotnet\", \"/app/Orders.Api.dll\"]\n";

    private static void WriteOverlays(ConsumerProject consumer)
    {
        consumer.WriteFile("deploy/base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        consumer.WriteFile("deploy/base/deployment.yaml", Manifests.Clean);
        consumer.WriteFile("deploy/overlays/dev/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: dev-\n");
        consumer.WriteFile("deploy/overlays/prod/kustomization.yaml", """
            resources:
              - ../../base
            namePrefix: prod-
            patches:
              - path: grace.yaml
              - patch: |-
                  - op: replace
                    path: /spec/template/spec/containers/0/readinessProbe/httpGet/port
                    value: 9090
                target:
                  kind: Deployment

            """);
        consumer.WriteFile("deploy/overlays/prod/grace.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders-api
            spec:
              template:
                spec:
                  terminationGracePeriodSeconds: 10

            """);
    }

    /// <summary>Where a finding stands, relative to the project; it must never be in the rendered output.</summary>
    private static string Place(BuildDiagnostic diagnostic)
    {
        Assert.DoesNotContain("/obj/", diagnostic.Path.Replace('\\', '/'), StringComparison.Ordinal);
        var path = diagnostic.Path.Replace('\\', '/');
        return path[(path.IndexOf("/app/", StringComparison.Ordinal) + "/app/".Length)..] + ":" + diagnostic.Line;
    }

    private static async Task<BuildResult> BuildAsync(ConsumerProject consumer, params string[] arguments)
    {
        var build = await consumer.BuildAsync(arguments);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.All(build.ShutdownGuardDiagnostics, diagnostic => Place(diagnostic));
        return build;
    }
}
