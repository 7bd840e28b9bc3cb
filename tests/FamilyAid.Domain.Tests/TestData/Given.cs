namespace FamilyAid.Domain.Tests.TestData;

/// <summary>Brings a binding request to a starting state through the decider itself, asserting each step is accepted.</summary>
public static class Given
{
    /// <summary>A decider on a weekends-only calendar with the default timeouts.</summary>
    public static readonly BindingDecider Decider = new(BindingTimeouts.Default, WorkingCalendar.WeekendsOnly);

    /// <summary>Monday 2026-06-01 10:00 in China: the member born 2010-05-10 is 16.</summary>
    public static readonly DateTimeOffset Now = China.At(2026, 6, 1, 10, 0);

    public static BindingState Requested(RequestBinding command, DateTimeOffset at) => Apply(null, command, at);

    public static BindingState Requested(RequestBuilder request, DateTimeOffset at) => Requested(request.Build(), at);

    /// <summary>Every required document uploaded.</summary>
    public static BindingState WithAllDocuments(this BindingState state, DateTimeOffset at) =>
        state.RequiredDocuments.Aggregate(state, (s, type) => Apply(s, new RecordDocument(type, Document(type, at)), at));

    /// <summary>Every required document but <paramref name="missing"/>.</summary>
    public static BindingState WithAllDocumentsBut(this BindingState state, DocumentType missing, DateTimeOffset at) =>
        state.RequiredDocuments.Where(t => t != missing)
            .Aggregate(state, (s, type) => Apply(s, new RecordDocument(type, Document(type, at)), at));

    public static BindingState Submitted(this BindingState state, DateTimeOffset at) => Apply(state, new SubmitBinding(), at);

    public static BindingState Cancelled(this BindingState state, DateTimeOffset at) => Apply(state, new CancelBinding(), at);

    /// <summary>A stored document of <paramref name="type"/>.</summary>
    public static UploadedDocument Document(DocumentType type, DateTimeOffset at, string digestSeed = "a") => new(
        $"bindings/binding-1/{type}", string.Concat(Enumerable.Repeat(digestSeed, 64)), 48_213, "image/jpeg", at);

    private static BindingState Apply(BindingState? state, BindingCommand command, DateTimeOffset at)
    {
        var decision = Decider.Decide(state, command, at);
        Assert.False(decision.IsRefused, $"test setup: {command.GetType().Name} was refused with {decision.Refusal}");
        return decision.Events.Aggregate(state, BindingDecider.Evolve)!;
    }
}
