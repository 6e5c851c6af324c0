using ShutdownGuard.Manifests;
using ShutdownGuard.Options;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Manifests;

public class WorkloadMatcherTests
{
    [Theory]
    [InlineData("Orders.Api", "ordersapi")]
    [InlineData("orders-api", "ordersapi")]
    [InlineData("ORDERS_API", "ordersapi")]
    [InlineData("-", "")]
    public void Names_are_compared_ignoring_case_and_non_alphanumerics(string name, string expected) =>
        Assert.Equal(expected, WorkloadMatcher.Normalize(name));

    [Theory]
    [InlineData("orders-api", "orders-api")]
    [InlineData("orders-api:1.2", "orders-api")]
    [InlineData("registry.example.com:5000/team/orders-api:1.2", "orders-api")]
    [InlineData("ghcr.io/acme/orders-api@sha256:abc", "orders-api")]
    [InlineData("ghcr.io/acme/orders-api:1.0@sha256:abc", "orders-api")]
    public void The_image_name_is_its_last_path_segment_without_tag_or_digest(string image, string expected) =>
        Assert.Equal(expected, WorkloadMatcher.ImageName(image));

    [Theory]
    [InlineData("Orders.Api", "orders-api")]
    [InlineData("Orders.Api", "api")]
    [InlineData("RedDog.AccountingService", "accounting-service")]
    [InlineData("RedDog.AccountingService", "reddog-accounting-service")]
    [InlineData("OrdersApi", "ORDERS-API")]
    public void A_container_is_matched_by_the_project_name_or_its_last_dotted_segment(string project, string container)
    {
        var set = Set(("/k8s/a.yaml", Deployment("web", "sidecar", container)), ("/k8s/b.yaml", Deployment("other")));

        var match = Assert.Single(WorkloadMatcher.Match(set, selector: null, new[] { project }));

        Assert.Equal(container, match.Container.Name?.Text);
        Assert.Equal("Deployment/web", match.Workload.Workload.DisplayName);
    }

    [Fact]
    public void A_container_is_matched_by_its_image_when_its_name_differs()
    {
        var yaml = Deployment("web", "app").Replace("registry.example.com/app:1.0", "registry.example.com/team/orders-api:2.1");
        var set = Set(("/k8s/a.yaml", yaml), ("/k8s/b.yaml", Deployment("billing")));

        var match = Assert.Single(WorkloadMatcher.Match(set, null, new[] { "Orders.Api" }));

        Assert.Equal("app", match.Container.Name?.Text);
    }

    [Fact]
    public void Many_services_in_one_file_match_only_their_own_workload()
    {
        var yaml = string.Join("---\n", Deployment("orders"), Deployment("billing"), Deployment("shipping"));
        var set = Set(("/k8s/all.yaml", yaml));

        var match = Assert.Single(WorkloadMatcher.Match(set, null, new[] { "Shop.Billing" }));

        Assert.Equal("Deployment/billing", match.Workload.Workload.DisplayName);
    }

    [Fact]
    public void The_same_app_in_two_workloads_matches_both()
    {
        var set = Set(("/k8s/blue.yaml", Deployment("orders-blue", "orders")), ("/k8s/green.yaml", Deployment("orders-green", "orders")));

        var matches = WorkloadMatcher.Match(set, null, new[] { "Orders" });

        Assert.Equal(new[] { "Deployment/orders-blue", "Deployment/orders-green" }, matches.Select(match => match.Workload.Workload.DisplayName));
    }

    [Fact]
    public void The_only_container_of_the_only_workload_matches_whatever_its_name()
    {
        var set = Set(("/k8s/a.yaml", Deployment("frontend")));

        var match = Assert.Single(WorkloadMatcher.Match(set, null, new[] { "Shop.Web" }));

        Assert.Equal("frontend", match.Container.Name?.Text);
    }

    [Fact]
    public void Nothing_matches_when_no_name_fits_and_there_is_more_than_one_candidate()
    {
        Assert.Empty(WorkloadMatcher.Match(Set(("/k8s/a.yaml", Deployment("a")), ("/k8s/b.yaml", Deployment("b"))), null, new[] { "Shop.Web" }));
        Assert.Empty(WorkloadMatcher.Match(Set(("/k8s/a.yaml", Deployment("a", "x", "y"))), null, new[] { "Shop.Web" }));
        Assert.Empty(WorkloadMatcher.Match(Set(), null, new[] { "Shop.Web" }));
    }

    [Theory]
    [InlineData("Deployment/billing", "app")]
    [InlineData("deployment/BILLING", "app")]
    [InlineData("Deployment/billing/metrics", "metrics")]
    public void The_explicit_workload_property_wins_over_names(string property, string expectedContainer)
    {
        var set = Set(("/k8s/a.yaml", Deployment("orders")), ("/k8s/b.yaml", Deployment("billing", "app", "metrics")));
        Assert.True(WorkloadSelector.TryParse(property, out var selector));

        var match = Assert.Single(WorkloadMatcher.Match(set, selector, new[] { "Orders" }));

        Assert.Equal("Deployment/billing", match.Workload.Workload.DisplayName);
        Assert.Equal(expectedContainer, match.Container.Name?.Text);
    }

    [Theory]
    [InlineData("StatefulSet/billing")]
    [InlineData("Deployment/nothing")]
    [InlineData("Deployment/billing/nothing")]
    public void An_explicit_workload_that_names_nothing_matches_nothing(string property)
    {
        var set = Set(("/k8s/b.yaml", Deployment("billing")));
        Assert.True(WorkloadSelector.TryParse(property, out var selector));

        Assert.Empty(WorkloadMatcher.Match(set, selector, new[] { "Billing" }));
    }
}
