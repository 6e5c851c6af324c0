using ShutdownGuard.Hosting.Endpoints;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

public class ControllerEndpointsTests
{
    private const string App = """
        using Microsoft.AspNetCore.Mvc;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.MapControllers();
        app.Run();

        """;

    [Fact]
    public async Task Attribute_routes_combine_with_tokens_and_overrides()
    {
        var model = await ModelAsync(Usings + App + """
            [ApiController]
            [Route("api/[controller]")]
            public class HealthController : ControllerBase
            {
                [HttpGet("ready")]
                public IActionResult Ready() => Ok();

                [HttpGet("~/livez")]
                public IActionResult Live() => Ok();

                [Route("/startup")]
                public IActionResult Startup() => Ok();

                [HttpGet("[action]")]
                public System.Threading.Tasks.Task<IActionResult> StatusAsync() => System.Threading.Tasks.Task.FromResult<IActionResult>(Ok());

                [HttpGet]
                public IActionResult Get() => Ok();

                [NonAction]
                public IActionResult Hidden() => Ok();

                private IActionResult Private() => Ok();
            }

            [Controller]
            public class Probes
            {
                [HttpGet("probes/{kind}")]
                public string Probe(string kind) => kind;
            }

            [Route("[area]/[controller]/[action]")]
            [Area("admin")]
            public class ToolsController : Controller
            {
                public IActionResult Index() => View();
            }

            public class HomeController : Controller
            {
                public IActionResult Index() => View();
            }

            [NonController]
            [Route("never")]
            public class NeverController : ControllerBase
            {
                [HttpGet("x")]
                public IActionResult X() => Ok();
            }
            """);

        Assert.Equal(
            new[] { "/api/Health/ready", "/livez", "/startup", "/api/Health/Status", "/api/Health", "/probes/{kind}", "/admin/Tools/Index" },
            model.Endpoints.Select(endpoint => endpoint.Route));
        Assert.All(model.Endpoints, endpoint => Assert.Equal(EndpointKind.ControllerAction, endpoint.Kind));
        var ready = model.Endpoints[0];
        Assert.Equal("Ready", ready.Handler!.Method!.Name);
        Assert.Equal("Ready", ready.Location.SourceTree!.GetText().ToString(ready.Location.SourceSpan));
        Assert.Same(ready, Assert.Single(model.Serving("/API/health/ready")));
    }

    [Fact]
    public async Task Several_routes_on_a_controller_multiply()
    {
        var model = await ModelAsync(Usings + App + """
            [Route("health")]
            [Route("healthz")]
            public class ProbeController : ControllerBase
            {
                [HttpGet("ready")]
                [HttpHead("readyz")]
                public IActionResult Ready() => Ok();
            }
            """);

        Assert.Equal(new[] { "/health/ready", "/health/readyz", "/healthz/ready", "/healthz/readyz" }, model.Endpoints.Select(endpoint => endpoint.Route).OrderBy(route => route));
    }

    [Fact]
    public async Task Controllers_are_endpoints_only_when_mapped()
    {
        var model = await ModelAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();

            [Route("health")]
            public class ProbeController : ControllerBase
            {
                [HttpGet("ready")]
                public IActionResult Ready() => Ok();
            }
            """);

        Assert.Empty(model.Endpoints);
    }
}
