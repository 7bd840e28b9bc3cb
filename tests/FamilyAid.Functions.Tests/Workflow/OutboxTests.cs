using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

[Collection(AppCollection.Name)]
public sealed class OutboxTests(FamilyAidApp app)
{
    [Fact]
    public async Task An_approval_whose_process_died_before_its_effects_is_finished_by_the_sweep()
    {
        // Given a gansu request for a child under 16, submitted by a process that dies right after the commit
        var authorizer = await Api.Insured(app, region: "gansu");
        var child = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2018, 3, 3));
        var id = await Api.CreateBinding(app, authorizer, child, region: "gansu", commitmentConfirmed: true);
        var streams = app.Services.GetRequiredService<BindingStreamStore>();
        var decider = app.Services.GetRequiredService<BindingDecider>();
        var (decision, after) = await streams.Execute(id, null, s => decider.Decide(s, new Domain.Bindings.SubmitBinding(), app.Clock.GetUtcNow()), default);
        Assert.Null(decision.Refusal);
        Assert.Equal(BindingStatus.Approved, after!.State.Status);

        // Then the effects wait in the outbox, written with the events, and the pair is not bound yet
        Assert.Equal(["activate-relationship", "release-open-request"], await OutboxNames(id));
        var relationships = app.Services.GetRequiredService<FamilyAid.Functions.Relationships.RelationshipStore>();
        Assert.Empty(await relationships.Active(child.Id, default));

        // When the next process starts and sweeps
        await app.Services.GetRequiredService<BindingOutbox>().Sweep(default);

        // Then the relationship is active for both, the outbox is empty, and the pair cannot be bound twice
        Assert.Empty(await OutboxNames(id));
        Assert.Equal(new ActiveRelationship(authorizer.Id, child.Id, BindingKind.Sharing), Assert.Single(await relationships.Active(child.Id, default)));
        Assert.Single(await relationships.Active(authorizer.Id, default));
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

        // Then the guard row is gone, nothing waits in the outbox, and a new request opens
        var tables = app.Services.GetRequiredService<Tables>();
        var guard = await tables.PersonBindings.GetEntityIfExistsAsync<TableEntity>(authorizer.Id, Keys.OpenGuard(member.Id, nameof(BindingKind.Sharing)));
        Assert.False(guard.HasValue);
        Assert.Empty(await OutboxNames(id));
        await Api.CreateBinding(app, authorizer, member);
    }

    [Fact]
    public void Every_effect_and_event_type_has_a_stored_name()
    {
        var effects = typeof(BindingEffect).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BindingEffect)) && !t.IsAbstract);
        var events = typeof(BindingEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BindingEvent)) && !t.IsAbstract);

        Assert.Equal(effects.OrderBy(t => t.Name), BindingEffectCodec.KnownTypes.OrderBy(t => t.Name));
        Assert.Equal(events.OrderBy(t => t.Name), BindingEventCodec.KnownTypes.OrderBy(t => t.Name));
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
