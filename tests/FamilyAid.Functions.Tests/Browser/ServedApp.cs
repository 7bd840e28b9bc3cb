using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Browser;

/// <summary>The app on a real loopback port (Kestrel, not the in-memory test server), so that a browser can reach it; with
/// tables of its own, and a clock that starts at the real time (the blob endpoint checks document links against its
/// real clock) and that tests may still move forward.</summary>
public class ServedApp : PrivateApp
{
    public ServedApp()
    {
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:43123</c>; starts it on first use.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}
