using Microsoft.Extensions.Logging;

namespace FamilyAid.Functions.Tests.Hosting;

public sealed class QueryValueTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    [Theory]
    [InlineData("/api/admin/audit?subject=abc&take=abc")]
    [InlineData("/api/admin/audit?subject=abc&take=2147483648")]
    [InlineData("/api/review/queue?take=1.5")]
    public async Task A_malformed_query_value_is_a_400_problem_and_not_an_error_in_the_log(string url)
    {
        var client = url.Contains("review", StringComparison.Ordinal) ? app.Reviewer("guangdong") : app.Admin();

        var response = await client.GetAsync(url);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith(nameof(LogLevel.Error), StringComparison.Ordinal) && l.Contains("unhandled", StringComparison.OrdinalIgnoreCase));
    }
}
