using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Notifications;
using FamilyAid.Functions.Triggers;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Moq;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>An activity that fails every time: the local runner retries it (1 s visibility timeout in tests), moves it to
/// the poison queue after host.json's maxDequeueCount (5), and the poison function records the failure.</summary>
public sealed class PoisonTests
{
    private const int MaxDequeueCount = 5;

    [Fact]
    public async Task A_notification_that_always_fails_is_poisoned_after_five_tries_and_recorded_on_the_timeline()
    {
        // Given an SMS gateway that is down for good
        await using var app = new BrokenNotifierApp();

        // When a gansu request for a child under 16 is approved by the reviewer (bind, release the guard, tell both people)
        var (authorizer, child, id) = await ApprovedOnReview(app);

        // Then the other effects of the same commit are done: the pair is bound and the member is free again
        await Api.Eventually(async () => await WorkflowSteps.ActiveRelationships(app, child) == 1, "the relationship");
        await WorkflowSteps.GuardReleased(app, authorizer, child);

        // And each notification's failure ends up on the request's timeline
        await Api.Eventually(async () => (await WorkflowSteps.Timeline(app, authorizer, id)).Count(e => e == "effect-failed") == 2,
            "two effect-failed events on the timeline");
        Assert.Equal(["requested", "submitted", "review-approved", "activation-started", "approved", "effect-failed", "effect-failed"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Equal("approved", await Api.Status(app, authorizer, id));
        var failures = (await app.Services.GetRequiredService<BindingStreamStore>().Events(id, CancellationToken.None))
            .Select(e => e.Event).OfType<EffectFailed>().ToList();
        Assert.All(failures, f => Assert.Equal("notify", f.Effect));

        // And each was tried exactly maxDequeueCount times, for the two people, and never again
        var tries = app.Tries.ToList();
        Assert.Equal(
            new[] { authorizer.Id, child.Id }.Order(StringComparer.Ordinal),
            tries.Select(t => t.RecipientId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(tries.GroupBy(t => t.Id), g => Assert.Equal(MaxDequeueCount, g.Count()));
        Assert.Equal(2, tries.GroupBy(t => t.Id).Count());
        await Task.Delay(1500);
        Assert.Equal(tries.Count, app.Tries.Count);

        // And the runner said where they went, and no queue holds them any more
        Assert.Equal(2, app.Logs.Lines.Count(l => l.Contains("BindingEffects: message", StringComparison.Ordinal) && l.Contains("moved to the poison queue", StringComparison.Ordinal)));
        Assert.Empty(await Messages(app, app.Prefix + "binding-effects", id));
        Assert.Empty(await Messages(app, app.Prefix + "binding-effects-poison", id));
    }

    [Fact]
    public async Task The_poisoned_message_lands_in_the_apps_own_poison_queue_as_it_was_and_the_poison_function_reads_it()
    {
        // Given an SMS gateway that is down, and no poison function running (as while it is being deployed)
        await using var app = new BrokenNotifierApp(withPoisonFunction: false);

        // When a request's notifications fail every try
        var (authorizer, child, id) = await ApprovedOnReview(app);

        // Then both messages wait in <prefix>binding-effects-poison, unchanged
        var poisonQueue = app.Prefix + "binding-effects-poison";
        await Api.Eventually(async () => (await Messages(app, poisonQueue, id)).Count == 2, $"two messages in {poisonQueue}");
        var poisoned = await Messages(app, poisonQueue, id);
        var outbox = app.Services.GetRequiredService<BindingOutbox>();
        var effects = new List<BindingEffect>();
        foreach (var message in poisoned)
        {
            effects.Add((await outbox.Find(message, CancellationToken.None))!.Effect);
        }

        Assert.Equal(
            new[] { authorizer.Id, child.Id }.Order(StringComparer.Ordinal),
            effects.Cast<Notify>().Select(n => n.RecipientId).Order(StringComparer.Ordinal));
        Assert.Empty(await Messages(app, app.Prefix + "binding-effects", id));
        Assert.DoesNotContain("effect-failed", await WorkflowSteps.Timeline(app, authorizer, id));

        // When the poison function gets them
        var poisonFunction = ActivatorUtilities.CreateInstance<RecordPoisonedEffect>(app.Services);
        foreach (var message in poisoned)
        {
            await poisonFunction.Run(JsonSerializer.Serialize(message, Json.Options), CancellationToken.None);
        }

        // Then each is recorded on the timeline
        Assert.Equal(2, (await WorkflowSteps.Timeline(app, authorizer, id)).Count(e => e == "effect-failed"));
    }

    private static async Task<(Person Authorizer, Person Child, string Id)> ApprovedOnReview(FamilyAidApp app)
    {
        var authorizer = await Api.Insured(app, region: "gansu");
        var child = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2018, 3, 3));
        var id = await Api.CreateBinding(app, authorizer, child, region: "gansu", commitmentConfirmed: true);
        await Api.UploadEach(app, authorizer, id, Api.HukouPages);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);
        var decision = await app.Reviewer("gansu").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" });
        await Api.Expect(decision, HttpStatusCode.OK);
        Assert.Equal("approved", (await Api.Json(decision))["status"]!.GetValue<string>());
        return (authorizer, child, id);
    }

    /// <summary>The effect messages of one request waiting in a queue named exactly <paramref name="queueName"/>.</summary>
    private static async Task<List<EffectMessage>> Messages(FamilyAidApp app, string queueName, string bindingId)
    {
        var queue = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(queueName);
        if (!(await queue.ExistsAsync()).Value)
        {
            return [];
        }

        return (await queue.PeekMessagesAsync(32)).Value
            .Select(m => JsonSerializer.Deserialize<EffectMessage>(m.Body.ToString(), Json.Options)!)
            .Where(m => m.BindingId == bindingId).ToList();
    }

    /// <summary>An app whose notifier (a port) always throws, recording every try.</summary>
    private sealed class BrokenNotifierApp(bool withPoisonFunction = true) : PrivateApp
    {
        public ConcurrentQueue<Notification> Tries { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var notifier = new Mock<INotifier>();
            notifier.Setup(n => n.Send(It.IsAny<Notification>(), It.IsAny<CancellationToken>()))
                .Returns<Notification, CancellationToken>((n, _) =>
                {
                    Tries.Enqueue(n);
                    return Task.FromException(new HttpRequestException("the SMS gateway is down"));
                });
            builder.ConfigureServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton(notifier.Object));
                if (!withPoisonFunction)
                {
                    foreach (var poison in services.Where(d => d.ServiceType == typeof(IQueueFunction) && d.ImplementationType == typeof(RecordPoisonedEffect)).ToList())
                    {
                        services.Remove(poison);
                    }
                }
            });
        }
    }
}
