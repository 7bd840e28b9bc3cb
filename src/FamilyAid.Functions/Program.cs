using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Hosting;
using FamilyAid.Functions.PlatformSync;
using FamilyAid.Functions.Settings;

// The custom handler the Functions host starts (or ./run.sh locally), or the local token tool (and its import command).
try
{
    var builder = WebApplication.CreateBuilder(args.FirstOrDefault() == "token" ? [] : args);
    App.AddLocalSettings(builder.Configuration, LocalSettingsSource.Locate(Directory.GetCurrentDirectory()));

    if (args is ["token", "import", ..])
    {
        var url = $"http://127.0.0.1:{builder.Configuration[App.PortVariable] ?? "7071"}";
        return await ImportCommand.Run(args[2..], () => AuthSettings.Read(builder.Configuration), url, Console.Out, Console.Error);
    }

    if (args.FirstOrDefault() == "token")
    {
        return TokenCommand.Run(args[1..], () => AuthSettings.Read(builder.Configuration), TimeProvider.System, Console.Out, Console.Error);
    }

    var port = builder.Configuration[App.PortVariable] ?? "7071";
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
    App.AddServices(builder.Services);
    FamilyAid.Functions.Telemetry.TelemetrySetup.Add(builder.Services, builder.Configuration);

    var app = builder.Build();
    SettingsOptions.Validate(app.Services);
    App.Configure(app);
    app.Run();
    return 0;
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"FamilyAid cannot start: {e.Message}");
    return 2;
}

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
