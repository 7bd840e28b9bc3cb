using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>The open-request guard: a new request replaces the guard of a finished one, even when that guard is
/// released (by the finished request's effect) between the read and the write.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenGuardTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_guard_released_between_the_read_and_the_replace_is_taken_as_new()
    {
        // Given an authorizer's guard for a member naming request A, read by a new request B
        var index = app.Services.GetRequiredService<PersonBindingIndex>();
        var (authorizer, member) = ("auth-" + Guid.NewGuid().ToString("N"), "member-" + Guid.NewGuid().ToString("N"));
        var (a, b) = ("req-a-" + Guid.NewGuid().ToString("N"), "req-b-" + Guid.NewGuid().ToString("N"));
        Assert.True(await index.Register(a, authorizer, member, BindingKind.Sharing, null, default));
        var seen = await index.GuardOf(authorizer, member, BindingKind.Sharing, default);
        Assert.Equal(a, seen!.BindingId);

        // When A, now finished, releases its guard before B writes
        await index.Release(new ReleaseOpenRequest(a, authorizer, member, BindingKind.Sharing), default);
        var registered = await index.Register(b, authorizer, member, BindingKind.Sharing, seen, default);

        // Then B holds the guard, and both people list B
        Assert.True(registered);
        Assert.Equal(b, (await index.GuardOf(authorizer, member, BindingKind.Sharing, default))!.BindingId);
        Assert.Contains(b, await index.BindingsOf(authorizer, default));
        Assert.Contains(b, await index.BindingsOf(member, default));
    }

    [Fact]
    public async Task A_guard_another_request_took_meanwhile_is_not_replaced()
    {
        // Given a guard naming finished request A, read by request B, then taken by request C
        var index = app.Services.GetRequiredService<PersonBindingIndex>();
        var (authorizer, member) = ("auth-" + Guid.NewGuid().ToString("N"), "member-" + Guid.NewGuid().ToString("N"));
        var (a, b, c) = ("req-a-" + Guid.NewGuid().ToString("N"), "req-b-" + Guid.NewGuid().ToString("N"), "req-c-" + Guid.NewGuid().ToString("N"));
        Assert.True(await index.Register(a, authorizer, member, BindingKind.Sharing, null, default));
        var seen = await index.GuardOf(authorizer, member, BindingKind.Sharing, default);
        Assert.True(await index.Register(c, authorizer, member, BindingKind.Sharing, seen, default));

        // When B tries to replace what it read
        var registered = await index.Register(b, authorizer, member, BindingKind.Sharing, seen, default);

        // Then B is refused and C keeps the guard
        Assert.False(registered);
        Assert.Equal(c, (await index.GuardOf(authorizer, member, BindingKind.Sharing, default))!.BindingId);
    }
}
