namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>
/// Every state × every command, and what the decider answers: a refusal, or the names of the events it appends
/// (<c>(nothing)</c> when it accepts and appends none). Each starting state is built through the decider itself.
/// </summary>
public class DeciderTableTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    // The commands are decided at this time (after every starting state was built, before any face-check due time);
    // the timer fires at the state's due time instead.
    private static readonly DateTimeOffset At = Now.AddDays(2);

    private const string Nothing = "(nothing)";

    private static string Refused(BindingRefusal refusal) => $"refused: {refusal}";

    private static readonly string DocumentsLocked = Refused(BindingRefusal.DocumentsLocked);
    private static readonly string AlreadySubmitted = Refused(BindingRefusal.AlreadySubmitted);
    private static readonly string AlreadyFinal = Refused(BindingRefusal.AlreadyFinal);
    private static readonly string NotInReview = Refused(BindingRefusal.NotInReview);
    private static readonly string NotAwaitingFaceCheck = Refused(BindingRefusal.NotAwaitingFaceCheck);
    private static readonly string UnknownSession = Refused(BindingRefusal.UnknownFaceCheckSession);

    /// <summary>The starting states, by name.</summary>
    private static readonly Dictionary<string, Func<BindingState>> States = new()
    {
        // guangdong, every document uploaded
        ["awaiting-documents"] = () => Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocuments(Now),
        ["in-review"] = () => Given.InReview(Now),
        ["in-review-escalated"] = () => Given.EscalatedReview(Now),
        ["awaiting-face-check"] = () => Given.AwaitingFaceCheck(Now),
        ["awaiting-face-check-open-session"] = () => Given.AwaitingFaceCheck(Now).FaceCheckStarted("session-1", Now.AddDays(1)),
        ["gansu-awaiting-face-check"] = () => Given.AwaitingFaceCheckInGansu(Now),
        ["activating"] = () => Given.AwaitingFaceCheck(Now)
            .FaceCheckStarted("session-1", Now.AddDays(1)).FaceCheckResult("session-1", passed: true, Now.AddDays(1)),
        ["approved"] = () => Given.AwaitingFaceCheck(Now)
            .FaceCheckStarted("session-1", Now.AddDays(1)).FaceCheckResult("session-1", passed: true, Now.AddDays(1)).Activated(Now.AddDays(1)),
        ["rejected"] = () => Given.InReview(Now).Reviewed(ReviewDecision.Reject, Now.AddHours(1), "unreadable"),
        ["cancelled"] = () => Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).Cancelled(Now.AddHours(1)),
        ["cancelled-during-face-check"] = () => Given.AwaitingFaceCheck(Now)
            .FaceCheckStarted("session-1", Now.AddDays(1)).Cancelled(Now.AddDays(1).AddMinutes(5)),
        ["expired"] = () => Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).TimerFired(),
    };

    /// <summary>The commands, by name; "session-1" is the open session where there is one.</summary>
    private static readonly Dictionary<string, Func<BindingState, BindingCommand>> Commands = new()
    {
        ["record-document"] = _ => new RecordDocument(DocumentType.MemberIdFront, Given.Document(DocumentType.MemberIdFront, At, "b")),
        ["submit"] = _ => Given.Submit(),
        ["cancel"] = _ => new CancelBinding(),
        ["approve"] = _ => new DecideReview(Given.ReviewerId, ReviewDecision.Approve, "ok"),
        ["reject"] = _ => new DecideReview(Given.ReviewerId, ReviewDecision.Reject, "no"),
        ["verify-offline"] = _ => new DecideReview(Given.ReviewerId, ReviewDecision.VerifyOffline, "counter"),
        ["start-face-check"] = _ => new StartFaceCheck("session-2", At),
        ["face-check-pass"] = _ => new RecordFaceCheckResult("session-1", true, 0.95),
        ["face-check-fail"] = _ => new RecordFaceCheckResult("session-1", false, 0.30),
        ["timer"] = s => new FireTimer(s.DueAt ?? At),
        ["effect-failure"] = _ => new RecordEffectFailure("notify", "o-0000000002-000", "sms gateway answered 503"),
        ["activated"] = _ => new RecordActivation(ActivationOutcome.Activated),
        ["place-taken"] = _ => new RecordActivation(ActivationOutcome.AlreadyInGroup),
    };

    public static TheoryData<string, string, string> Table() => new()
    {
        // state                              command              outcome
        { "awaiting-documents",               "record-document",   "document-uploaded" },
        { "awaiting-documents",               "submit",            "submitted" },
        { "awaiting-documents",               "cancel",            "cancelled" },
        { "awaiting-documents",               "approve",           NotInReview },
        { "awaiting-documents",               "reject",            NotInReview },
        { "awaiting-documents",               "verify-offline",    NotInReview },
        { "awaiting-documents",               "start-face-check",  NotAwaitingFaceCheck },
        { "awaiting-documents",               "face-check-pass",   UnknownSession },
        { "awaiting-documents",               "face-check-fail",   UnknownSession },
        { "awaiting-documents",               "timer",             "expired" },
        { "awaiting-documents",               "effect-failure",    "effect-failed" },
        { "awaiting-documents",                  "activated",         Nothing },
        { "awaiting-documents",                  "place-taken",       Nothing },

        { "in-review",                        "record-document",   DocumentsLocked },
        { "in-review",                        "submit",            AlreadySubmitted },
        { "in-review",                        "cancel",            "cancelled" },
        { "in-review",                        "approve",           "review-approved" },
        { "in-review",                        "reject",            "rejected" },
        { "in-review",                        "verify-offline",    "review-approved, verified-offline, activation-started" },
        { "in-review",                        "start-face-check",  NotAwaitingFaceCheck },
        { "in-review",                        "face-check-pass",   UnknownSession },
        { "in-review",                        "face-check-fail",   UnknownSession },
        { "in-review",                        "timer",             "review-escalated" },
        { "in-review",                        "effect-failure",    "effect-failed" },
        { "in-review",                           "activated",         Nothing },
        { "in-review",                           "place-taken",       Nothing },

        { "in-review-escalated",              "record-document",   DocumentsLocked },
        { "in-review-escalated",              "submit",            AlreadySubmitted },
        { "in-review-escalated",              "cancel",            "cancelled" },
        { "in-review-escalated",              "approve",           "review-approved" },
        { "in-review-escalated",              "reject",            "rejected" },
        { "in-review-escalated",              "verify-offline",    "review-approved, verified-offline, activation-started" },
        { "in-review-escalated",              "start-face-check",  NotAwaitingFaceCheck },
        { "in-review-escalated",              "face-check-pass",   UnknownSession },
        { "in-review-escalated",              "face-check-fail",   UnknownSession },
        { "in-review-escalated",              "timer",             "expired" },
        { "in-review-escalated",              "effect-failure",    "effect-failed" },
        { "in-review-escalated",                 "activated",         Nothing },
        { "in-review-escalated",                 "place-taken",       Nothing },

        { "awaiting-face-check",              "record-document",   DocumentsLocked },
        { "awaiting-face-check",              "submit",            AlreadySubmitted },
        { "awaiting-face-check",              "cancel",            "cancelled" },
        { "awaiting-face-check",              "approve",           NotInReview },
        { "awaiting-face-check",              "reject",            NotInReview },
        { "awaiting-face-check",              "verify-offline",    "verified-offline, activation-started" },
        { "awaiting-face-check",              "start-face-check",  "face-check-started" },
        { "awaiting-face-check",              "face-check-pass",   UnknownSession },
        { "awaiting-face-check",              "face-check-fail",   UnknownSession },
        { "awaiting-face-check",              "timer",             "expired" },
        { "awaiting-face-check",              "effect-failure",    "effect-failed" },
        { "awaiting-face-check",                 "activated",         Nothing },
        { "awaiting-face-check",                 "place-taken",       Nothing },

        { "awaiting-face-check-open-session", "record-document",   DocumentsLocked },
        { "awaiting-face-check-open-session", "submit",            AlreadySubmitted },
        { "awaiting-face-check-open-session", "cancel",            "cancelled" },
        { "awaiting-face-check-open-session", "approve",           NotInReview },
        { "awaiting-face-check-open-session", "reject",            NotInReview },
        { "awaiting-face-check-open-session", "verify-offline",    "verified-offline, activation-started" },
        { "awaiting-face-check-open-session", "start-face-check",  "face-check-started" }, // a new session replaces the open one
        { "awaiting-face-check-open-session", "face-check-pass",   "face-check-passed, activation-started" },
        { "awaiting-face-check-open-session", "face-check-fail",   "face-check-failed" },
        { "awaiting-face-check-open-session", "timer",             "expired" },
        { "awaiting-face-check-open-session", "effect-failure",    "effect-failed" },
        { "awaiting-face-check-open-session",    "activated",         Nothing },
        { "awaiting-face-check-open-session",    "place-taken",       Nothing },

        { "gansu-awaiting-face-check",        "record-document",   DocumentsLocked },
        { "gansu-awaiting-face-check",        "submit",            AlreadySubmitted },
        { "gansu-awaiting-face-check",        "cancel",            "cancelled" },
        { "gansu-awaiting-face-check",        "approve",           NotInReview },
        { "gansu-awaiting-face-check",        "reject",            NotInReview },
        { "gansu-awaiting-face-check",        "verify-offline",    "verified-offline, activation-started" },
        { "gansu-awaiting-face-check",        "start-face-check",  "face-check-started" },
        { "gansu-awaiting-face-check",        "face-check-pass",   UnknownSession },
        { "gansu-awaiting-face-check",        "face-check-fail",   UnknownSession },
        { "gansu-awaiting-face-check",        "timer",             "expired" },
        { "gansu-awaiting-face-check",        "effect-failure",    "effect-failed" },
        { "gansu-awaiting-face-check",           "activated",         Nothing },
        { "gansu-awaiting-face-check",           "place-taken",       Nothing },

        { "activating",                       "record-document",   DocumentsLocked },
        { "activating",                       "submit",            AlreadySubmitted },
        { "activating",                       "cancel",            AlreadyFinal },      // the decision is taken once activation starts
        { "activating",                       "approve",           NotInReview },
        { "activating",                       "reject",            NotInReview },
        { "activating",                       "verify-offline",    NotInReview },
        { "activating",                       "start-face-check",  NotAwaitingFaceCheck },
        { "activating",                       "face-check-pass",   UnknownSession },    // the repeated callback of the passing session
        { "activating",                       "face-check-fail",   UnknownSession },
        { "activating",                       "timer",             Nothing },
        { "activating",                       "effect-failure",    "effect-failed" },
        { "activating",                       "activated",         "approved" },
        { "activating",                       "place-taken",       "already-in-group, rejected" },

        { "approved",                         "record-document",   DocumentsLocked },
        { "approved",                         "submit",            AlreadyFinal },
        { "approved",                         "cancel",            AlreadyFinal },
        { "approved",                         "approve",           NotInReview },
        { "approved",                         "reject",            NotInReview },
        { "approved",                         "verify-offline",    NotInReview },
        { "approved",                         "start-face-check",  AlreadyFinal },
        { "approved",                         "face-check-pass",   UnknownSession }, // the repeated callback of the passing session
        { "approved",                         "face-check-fail",   UnknownSession },
        { "approved",                         "timer",             Nothing },
        { "approved",                         "effect-failure",    "effect-failed" },
        { "approved",                            "activated",         Nothing },
        { "approved",                            "place-taken",       Nothing },

        { "rejected",                         "record-document",   DocumentsLocked },
        { "rejected",                         "submit",            AlreadyFinal },
        { "rejected",                         "cancel",            AlreadyFinal },
        { "rejected",                         "approve",           NotInReview },
        { "rejected",                         "reject",            NotInReview },
        { "rejected",                         "verify-offline",    NotInReview },
        { "rejected",                         "start-face-check",  AlreadyFinal },
        { "rejected",                         "face-check-pass",   UnknownSession },
        { "rejected",                         "face-check-fail",   UnknownSession },
        { "rejected",                         "timer",             Nothing },
        { "rejected",                         "effect-failure",    "effect-failed" },
        { "rejected",                            "activated",         Nothing },
        { "rejected",                            "place-taken",       Nothing },

        { "cancelled",                        "record-document",   DocumentsLocked },
        { "cancelled",                        "submit",            AlreadyFinal },
        { "cancelled",                        "cancel",            AlreadyFinal },
        { "cancelled",                        "approve",           NotInReview },
        { "cancelled",                        "reject",            NotInReview },
        { "cancelled",                        "verify-offline",    NotInReview },
        { "cancelled",                        "start-face-check",  AlreadyFinal },
        { "cancelled",                        "face-check-pass",   UnknownSession },
        { "cancelled",                        "face-check-fail",   UnknownSession },
        { "cancelled",                        "timer",             Nothing },
        { "cancelled",                        "effect-failure",    "effect-failed" },
        { "cancelled",                           "activated",         Nothing },
        { "cancelled",                           "place-taken",       Nothing },

        { "cancelled-during-face-check",      "record-document",   DocumentsLocked },
        { "cancelled-during-face-check",      "submit",            AlreadyFinal },
        { "cancelled-during-face-check",      "cancel",            AlreadyFinal },
        { "cancelled-during-face-check",      "approve",           NotInReview },
        { "cancelled-during-face-check",      "reject",            NotInReview },
        { "cancelled-during-face-check",      "verify-offline",    NotInReview },
        { "cancelled-during-face-check",      "start-face-check",  AlreadyFinal },
        { "cancelled-during-face-check",      "face-check-pass",   UnknownSession }, // the session died with the request
        { "cancelled-during-face-check",      "face-check-fail",   UnknownSession },
        { "cancelled-during-face-check",      "timer",             Nothing },
        { "cancelled-during-face-check",      "effect-failure",    "effect-failed" },
        { "cancelled-during-face-check",         "activated",         Nothing },
        { "cancelled-during-face-check",         "place-taken",       Nothing },

        { "expired",                          "record-document",   DocumentsLocked },
        { "expired",                          "submit",            AlreadyFinal },
        { "expired",                          "cancel",            AlreadyFinal },
        { "expired",                          "approve",           NotInReview },
        { "expired",                          "reject",            NotInReview },
        { "expired",                          "verify-offline",    NotInReview },
        { "expired",                          "start-face-check",  AlreadyFinal },
        { "expired",                          "face-check-pass",   UnknownSession },
        { "expired",                          "face-check-fail",   UnknownSession },
        { "expired",                          "timer",             Nothing },
        { "expired",                          "effect-failure",    "effect-failed" },
        { "expired",                             "activated",         Nothing },
        { "expired",                             "place-taken",       Nothing },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_decider_answers_as_the_table_says(string stateName, string commandName, string expected)
    {
        // Given the request in that state
        var state = States[stateName]();

        // When the command is decided
        var command = Commands[commandName](state);
        var now = command is FireTimer timer ? timer.DueAt : At;
        var decision = Given.Decider.Decide(state, command, now);

        // Then the answer is the table's, and the events apply to the state
        Assert.Equal(expected, Describe(decision));
        Assert.True(decision.Refusal is null || decision.Events.Count == 0, "a refusal appends nothing");
        var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
        Assert.Equal(state.Id, after.Id);
    }

    [Fact]
    public void The_table_has_every_state_with_every_command_once()
    {
        var pairs = Table().Select(row => ((string)row[0], (string)row[1])).ToList();

        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.Equal(
            States.Keys.SelectMany(s => Commands.Keys.Select(c => (s, c))).Order(),
            pairs.Order());
    }

    [Fact]
    public void The_table_covers_every_status_every_command_type_and_every_review_decision()
    {
        var states = States.Values.Select(build => build()).ToList();
        var commands = Commands.Values.Select(make => make(states[0])).ToList();
        var commandTypes = typeof(BindingCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BindingCommand)) && !t.IsAbstract && t != typeof(RequestBinding));

        Assert.Equal(Enum.GetValues<BindingStatus>().Order(), states.Select(s => s.Status).Distinct().Order());
        Assert.Contains(states, s => s.Escalated);
        Assert.Contains(states, s => s.FaceCheckSession is not null);
        Assert.Equal(commandTypes.Select(t => t.Name).Order(), commands.Select(c => c.GetType().Name).Distinct().Order());
        Assert.Equal(
            Enum.GetValues<ReviewDecision>().Order(),
            commands.OfType<DecideReview>().Select(d => d.Decision).Order());
    }

    public static TheoryData<string> FinalStates() =>
        [.. States.Where(s => s.Value().Status.IsFinal()).Select(s => s.Key)];

    [Theory]
    [MemberData(nameof(FinalStates))]
    public void No_command_moves_a_final_request(string stateName)
    {
        // Given a final request
        var state = States[stateName]();

        foreach (var (name, make) in Commands)
        {
            // When any command is decided
            var command = make(state);
            var decision = Given.Decider.Decide(state, command, command is FireTimer timer ? timer.DueAt : At);

            // Then its status, due time and open session stay as they were (only an effect failure is recorded)
            var after = decision.Events.Aggregate(state, BindingDecider.Evolve);
            Assert.True(state.Status == after.Status, $"{name} moved a {state.Status} request to {after.Status}");
            Assert.Null(after.DueAt);
            Assert.All(decision.Events, e => Assert.IsType<EffectFailed>(e));
        }
    }

    public static TheoryData<string> NonCreateCommands() => [.. Commands.Keys];

    [Theory]
    [MemberData(nameof(NonCreateCommands))]
    public void A_command_other_than_a_request_without_a_request_throws(string commandName)
    {
        var command = Commands[commandName](States["awaiting-documents"]());

        Assert.Throws<InvalidOperationException>(() => Given.Decider.Decide(null, command, At));
    }

    public static TheoryData<string> StateNames() => [.. States.Keys];

    [Theory]
    [MemberData(nameof(StateNames))]
    public void A_request_on_an_existing_request_throws(string stateName)
    {
        var state = States[stateName]();

        Assert.Throws<InvalidOperationException>(() => Given.Decider.Decide(state, RequestBuilder.Sharing().Build(), At));
    }

    [Fact]
    public void An_effect_failure_is_recorded_with_what_failed()
    {
        var state = Given.AwaitingFaceCheck(Now);

        var decision = Given.Decider.Decide(state, new RecordEffectFailure("notify", "o-0000000002-000", "sms gateway answered 503"), At);

        var failed = Assert.IsType<EffectFailed>(Assert.Single(decision.Events));
        Assert.Equal(new EffectFailed(At, "notify", "o-0000000002-000", "sms gateway answered 503"), failed);
        var after = BindingDecider.Evolve(state, failed);
        Assert.Equal(state with { FailedEffects = after.FailedEffects }, after);
        Assert.Equal(["o-0000000002-000"], after.FailedEffects);

        // And the same failure delivered again (queues deliver at least once) is recorded once
        var again = Given.Decider.Decide(after, new RecordEffectFailure("notify", "o-0000000002-000", "sms gateway answered 503"), At.AddMinutes(1));
        Assert.False(again.IsRefused);
        Assert.Empty(again.Events);
    }

    private static string Describe(BindingDecision decision) =>
        decision.Refusal is { } refusal ? Refused(refusal)
        : decision.Events.Count == 0 ? Nothing
        : string.Join(", ", decision.Events.Select(e => e.Name));
}
