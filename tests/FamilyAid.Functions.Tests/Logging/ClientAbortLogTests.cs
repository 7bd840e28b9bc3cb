using System.Net.Sockets;
using System.Text;
using FamilyAid.Functions.Tests.Documents;

namespace FamilyAid.Functions.Tests.Logging;

/// <summary>A client that gives up on its upload, or sends it too slowly, is the client's doing: one Information line
/// without a stack trace, not an Error.</summary>
public sealed class ClientAbortLogTests
{
    /// <summary>Starts a PUT of a document over a raw connection to the app's Kestrel: headers and the first bytes of a
    /// body announced as <paramref name="announced"/> bytes.</summary>
    private static async Task<(TcpClient Client, NetworkStream Stream)> StartUpload(KestrelApp app, int announced)
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var http = app.As(authorizer.Id);
        var tcp = new TcpClient();
        await tcp.ConnectAsync(http.BaseAddress!.Host, http.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"PUT /api/bindings/{id}/documents/hukou-home HTTP/1.1\r\nHost: {http.BaseAddress.Authority}\r\n"
            + $"Authorization: {http.DefaultRequestHeaders.Authorization}\r\nContent-Type: image/jpeg\r\nContent-Length: {announced}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Api.Jpeg(1024));
        await stream.FlushAsync();
        return (tcp, stream);
    }

    private static void AssertLoggedAsTheClients(KestrelApp app, string what)
    {
        var lines = app.Logs.Lines.ToList();
        var errors = lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{what}: logged at Error: {errors.FirstOrDefault()}");
        var line = Assert.Single(lines, l => l.StartsWith("Information FamilyAid", StringComparison.Ordinal) && l.Contains("client", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_aborts_its_upload_is_logged_at_information_without_a_stack_trace()
    {
        // Given an upload under way on a real HTTP server
        await using var app = new KestrelApp();
        var (tcp, _) = await StartUpload(app, announced: 50_000);

        // When the client drops the connection half-way
        await Task.Delay(300);
        tcp.Client.LingerState = new LingerOption(true, 0);
        tcp.Dispose();

        // Then the app notes it once, as the client's doing
        await Api.Eventually(() => Task.FromResult(app.Logs.Lines.Any(l => l.Contains("client", StringComparison.OrdinalIgnoreCase) && l.StartsWith("Information FamilyAid", StringComparison.Ordinal))
            || app.Logs.Lines.Any(l => l.StartsWith("Error ", StringComparison.Ordinal))), "the abort logged");
        AssertLoggedAsTheClients(app, "abort");
    }

    [Fact]
    public async Task A_client_that_sends_its_upload_too_slowly_is_logged_at_information_without_a_stack_trace()
    {
        // Given an upload under way on a real HTTP server
        await using var app = new KestrelApp();
        var (tcp, stream) = await StartUpload(app, announced: 50_000);

        // When the client goes on at a few bytes a second, below the server's minimum rate
        var answered = false;
        for (var i = 0; i < 40 && !answered; i++)
        {
            await Task.Delay(250);
            try
            {
                await stream.WriteAsync(new byte[8]);
            }
            catch (IOException)
            {
                answered = true;
            }

            answered |= app.Logs.Lines.Any(l => l.Contains("client", StringComparison.OrdinalIgnoreCase) && l.StartsWith("Information FamilyAid", StringComparison.Ordinal))
                || app.Logs.Lines.Any(l => l.StartsWith("Error ", StringComparison.Ordinal));
        }

        tcp.Dispose();

        // Then the app notes it once, as the client's doing
        Assert.True(answered, "the slow upload was never cut off");
        AssertLoggedAsTheClients(app, "slow");
    }
}
