using System.Text;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Where the app runs its own triggers, the routes the Functions host would invoke them through do not exist:
/// nobody outside can fire a timer or hand it an effect.</summary>
public sealed class TriggerRouteTests(FamilyAidApp app) : IClassFixture<FamilyAidApp>
{
    [Theory]
    [InlineData("BindingEffects")]
    [InlineData("BindingEffectsPoison")]
    [InlineData("FireTimers")]
    [InlineData("SweepOutbox")]
    [InlineData("RecoverMovements")]
    [InlineData("SweepPaymentCodes")]
    public async Task A_trigger_route_is_not_there_when_triggers_run_locally(string function)
    {
        // Given the app as ./run.sh and the tests run it (its own trigger runner)
        using var content = new StringContent("""{"Data":{"message":"{}"},"Metadata":{}}""", Encoding.UTF8, "application/json");

        // When anyone, with or without a token, posts to the function's invocation route
        var anonymous = await app.Anonymous().PostAsync("/" + function, content);
        var admin = await app.Admin().PostAsync("/" + function, content);

        // Then there is no such route
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
    }
}
