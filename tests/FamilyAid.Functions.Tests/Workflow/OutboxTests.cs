using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

public sealed class OutboxTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    [Fact]
    public async Task An_approval_whose_process_died_before_dispatch_is_finished_by_the_sweep()
    {
        // Given a gansu request whose member's passing face check is recorded by a process that dies between commit and dispatch
        var (authorizer, child, id) = await WorkflowSteps.AwaitingFaceCheck(app);
        var session = await WorkflowSteps.StartFaceCheck(app, child, id);
        await Api.Eventually(async () => (await OutboxNames(id)).Count == 0, "the request's own effects to be done");
        var streams = app.Services.GetRequiredService<BindingStreamStore>();
        var decider = app.Services.GetRequiredService<BindingDecider>();
        var (decision, after) = await streams.Execute(id, null, s => decider.Decide(s, new RecordFaceCheckResult(session, true, 0.97), app.Clock.GetUtcNow()), default);
        Assert.Null(decision.Refusal);
        Assert.Equal(BindingStatus.Activating, after!.State.Status);

        // Then the activation waits in the outbox, written with the events, and the pair is not bound yet
        Assert.Equal(["activate-relationship"], await OutboxNames(id));
        var relationships = app.Services.GetRequiredService<RelationshipStore>();
        Assert.Empty(await relationships.Active(child.Id, default));

        // When the sweep runs: a young row is left to its own request; an old one is sent
        var outbox = app.Services.GetRequiredService<BindingOutbox>();
        await outbox.Sweep(default);
        Assert.Equal(["activate-relationship"], await OutboxNames(id));
        Assert.Empty(await app.Services.GetRequiredService<RelationshipStore>().Active(child.Id, default));
        app.Clock.Advance(BindingOutbox.SweepAge);
        await outbox.Sweep(default);

        // Then the activities bind the pair and tell both people, and the outbox empties as each is done
        await Api.Eventually(async () => (await OutboxNames(id)).Count == 0, "the outbox to empty");
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
        await Api.Eventually(async () => (await relationships.Active(child.Id, default)).Count == 1, "the relationship");
        Assert.Equal(new ActiveRelationship(authorizer.Id, child.Id, BindingKind.Sharing), Assert.Single(await relationships.Active(authorizer.Id, default)));
        await Api.Eventually(async () => (await Api.Json(await app.As(child.Id).GetAsync("/api/notifications"))).AsArray()
            .Any(n => n!["template"]!.GetValue<string>() == "approved" && n["bindingId"]!.GetValue<string>() == id), "the member's notification");
        var third = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(child, region: "gansu", commitmentConfirmed: true));
        await Api.ExpectProblem(third, HttpStatusCode.Conflict, "already-in-group");
    }

    [Fact]
    public async Task A_cancelled_request_frees_its_member_for_a_new_request_through_the_outbox()
    {
        // Given an open request (which blocks a second one for the same member)
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var duplicate = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(member));
        await Api.ExpectProblem(duplicate, HttpStatusCode.Conflict, "duplicate-request");

        // When it is cancelled
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null), HttpStatusCode.OK);

        // Then the outbox empties as its effects are done, the guard row goes, and a new request opens
        await Api.Eventually(async () => (await OutboxNames(id)).Count == 0, "the outbox to empty");
        var tables = app.Services.GetRequiredService<Tables>();
        await Api.Eventually(async () => !(await tables.PersonBindings.GetEntityIfExistsAsync<TableEntity>(
            authorizer.Id, Keys.OpenGuard(member.Id, nameof(BindingKind.Sharing)))).HasValue, "the guard to be released");
        await Api.CreateBinding(app, authorizer, member);
    }

    [Fact]
    public void Every_effect_and_event_type_has_a_stored_name()
    {
        var effects = typeof(BindingEffect).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BindingEffect)) && !t.IsAbstract);
        var events = typeof(BindingEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BindingEvent)) && !t.IsAbstract);

        Assert.Equal(effects.OrderBy(t => t.Name), BindingEffectCodec.KnownTypes.OrderBy(t => t.Name));
        Assert.Equal(events.OrderBy(t => t.Name), FamilyAid.Functions.Bindings.BindingEventCodec.KnownTypes.OrderBy(t => t.Name));
    }

    private async Task<List<string>> OutboxNames(string bindingId)
    {
        var tables = app.Services.GetRequiredService<Tables>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bindingId} and RowKey ge {"o-"} and RowKey lt {"o."}");
        var names = new List<string>();
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter))
        {
            names.Add(row.GetString("Name")!);
        }

        return names;
    }
}
