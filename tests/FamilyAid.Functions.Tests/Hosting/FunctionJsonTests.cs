using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class FunctionJsonTests(FamilyAidApp app)
{
    private static readonly string FunctionsFolder = Path.Combine(AppEndpoints.RepoRoot(), "src", "FamilyAid.Functions", "functions");

    private static JsonNode Read(string path) => JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException(path);

    private static JsonNode Trigger(string functionJson)
    {
        var bindings = Read(functionJson)["bindings"]!.AsArray();
        var trigger = Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
        Assert.Equal("in", trigger["direction"]!.GetValue<string>());
        Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "http" && b["direction"]!.GetValue<string>() == "out");
        return trigger;
    }

    private static bool IsHttp(string name) =>
        Read(Path.Combine(FunctionsFolder, name, "function.json"))["bindings"]!.AsArray()
            .Any(b => b!["type"]!.GetValue<string>() == "httpTrigger");

    private static List<string> FunctionNames() =>
        Directory.GetDirectories(FunctionsFolder).Select(Path.GetFileName).Select(n => n!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_http_function_json_describes_a_real_endpoint_by_name_method_and_route()
    {
        // Given the app's endpoints and the HTTP-triggered function.json files the Functions host will read
        var endpoints = AppEndpoints.All(app);
        var names = FunctionNames();
        Assert.All(names, name => Assert.True(File.Exists(Path.Combine(FunctionsFolder, name, "function.json")), $"{name} has no function.json"));
        var http = names.Where(IsHttp).ToList();
        Assert.Contains("Health", http);

        foreach (var name in http)
        {
            var trigger = Trigger(Path.Combine(FunctionsFolder, name, "function.json"));
            var route = "/api/" + trigger["route"]!.GetValue<string>();
            if (route.EndsWith("/{*path}", StringComparison.Ordinal))
            {
                // A catch-all (the docs UI: its page and its assets) must forward to endpoints that exist
                var prefix = route[..^"{*path}".Length];
                Assert.Contains(endpoints, e => e.Route.StartsWith(prefix, StringComparison.Ordinal));
                continue;
            }

            // Then each folder is named after an endpoint, and its trigger routes exactly what that endpoint serves
            var endpoint = endpoints.SingleOrDefault(e => e.Name == name);
            Assert.True(endpoint is not null, $"functions/{name}/function.json names no endpoint (known: {string.Join(", ", endpoints.Select(e => e.Name))})");
            var methods = trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order(StringComparer.Ordinal);
            Assert.Equal(endpoint.Methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal), methods);
            Assert.Equal(endpoint.Route, "/api/" + trigger["route"]!.GetValue<string>());
            Assert.Equal("anonymous", trigger["authLevel"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Every_other_function_json_has_exactly_one_queue_or_timer_trigger_and_no_endpoint()
    {
        var endpoints = AppEndpoints.Api(app);

        foreach (var name in FunctionNames().Where(n => !IsHttp(n)))
        {
            var bindings = Read(Path.Combine(FunctionsFolder, name, "function.json"))["bindings"]!.AsArray();
            var trigger = Assert.Single(bindings, b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            Assert.True(
                trigger["type"]!.GetValue<string>() is "queueTrigger" or "timerTrigger" or "blobTrigger",
                $"functions/{name} is triggered by {trigger["type"]}, which the app does not serve");
            Assert.Equal("in", trigger["direction"]!.GetValue<string>());
            Assert.DoesNotContain(endpoints, e => e.Name == name);
        }
    }

    [Fact]
    public void Every_api_endpoint_has_a_function_json()
    {
        var names = FunctionNames();
        var endpoints = AppEndpoints.Api(app);
        Assert.Contains(endpoints, e => e.Route == "/api/health");

        Assert.All(endpoints, e =>
        {
            Assert.True(e.Name is not null, $"{string.Join("/", e.Methods)} {e.Route} has no endpoint name");
            Assert.True(names.Contains(e.Name!), $"{e.Name} ({string.Join("/", e.Methods)} {e.Route}) has no functions/{e.Name}/function.json");
            Assert.True(IsHttp(e.Name!), $"functions/{e.Name}/function.json has no httpTrigger");
        });
        Assert.Equal(endpoints.Count, endpoints.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void The_openapi_document_is_routed_by_the_functions_host_too()
    {
        // docs/API.md promises the document at /api/openapi.json; in Azure the Functions host forwards only the routes that a
        // function.json declares, so without one the document answers 404 there although it works locally.
        var routes = FunctionNames().Where(IsHttp)
            .Select(name => Trigger(Path.Combine(FunctionsFolder, name, "function.json")))
            .Where(t => t["methods"]!.AsArray().Any(m => string.Equals(m!.GetValue<string>(), "get", StringComparison.OrdinalIgnoreCase)))
            .Select(t => t["route"]!.GetValue<string>());

        Assert.Contains("openapi.json", routes);
    }

    [Fact]
    public void The_build_output_holds_host_json_and_every_function_json_as_the_host_expects()
    {
        // Given where FamilyAid.Functions.dll was built to
        var output = AppEndpoints.AppOutput();
        Assert.True(File.Exists(Path.Combine(output, "FamilyAid.Functions.dll")));

        // Then host.json and <Name>/function.json sit beside it, the same as in the repository
        var hostJson = Path.Combine(output, "host.json");
        Assert.True(File.Exists(hostJson), $"no host.json in {output}");
        Assert.Equal(File.ReadAllText(Path.Combine(AppEndpoints.RepoRoot(), "host.json")), File.ReadAllText(hostJson));
        foreach (var name in FunctionNames())
        {
            var built = Path.Combine(output, name, "function.json");
            Assert.True(File.Exists(built), $"no {name}/function.json in {output}");
            Assert.Equal(File.ReadAllText(Path.Combine(FunctionsFolder, name, "function.json")), File.ReadAllText(built));
        }

        // And host.json starts the app as a custom handler that receives HTTP requests as they are, under /api
        var host = Read(hostJson);
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        var executable = host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(executable));
        Assert.True(
            File.Exists(Path.Combine(output, executable)) || File.Exists(Path.Combine(output, executable + ".exe")),
            $"host.json starts '{executable}', which the build did not produce in {output}");
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }
}
