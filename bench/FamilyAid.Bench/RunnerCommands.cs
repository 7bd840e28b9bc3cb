using System.Collections.Concurrent;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Bench;

/// <summary>Workflow commands through the real runner, as the app's functions give them: a request created with
/// <see cref="BindingWorkflow.Create"/> (decided by <see cref="BindingDecider"/> on facts made up here), then
/// seven <see cref="RecordDocument"/> and a <see cref="SubmitBinding"/> through <see cref="BindingWorkflow.Run"/>
/// with no header passed in, so that each command loads, decides, commits and dispatches, as a timer or an effect's
/// result does. Every command is counted and timed.</summary>
internal sealed class RunnerCommands(
    BindingWorkflow workflow, BindingStreamStore streams, BindingOutbox outbox, BindingDecider decider, TimeProvider clock,
    ConcurrentDictionary<string, int> committed)
{
    public const string Create = "create";
    public const string Document = "record-document";
    public const string Submit = "submit";

    /// <summary>Requests, one after another, each command timed, while <paramref name="go"/> says so.</summary>
    public async Task Loop(PhaseResult result, Func<bool> go)
    {
        while (go())
        {
            try
            {
                await OneRequest(result, go);
            }
            catch (Exception)
            {
                // Recorded by the phase; on with the next request.
            }
        }
    }

    /// <summary>One request, its storage requests counted by command (see <see cref="StorageCalls"/>).</summary>
    public Task Census(PhaseResult result, StorageCalls calls) => OneRequest(result, () => true, calls);

    private async Task OneRequest(PhaseResult result, Func<bool> go, StorageCalls? calls = null)
    {
        var id = NewId();
        var request = NewRequest(id);
        calls?.Begin("runner: " + Create);
        await result.Time(Create, async () =>
        {
            var decision = decider.Decide(null, request, clock.GetUtcNow());
            Expect(decision, Create);
            await workflow.Create(id, decision, CancellationToken.None);
        });
        committed[id] = 1;
        foreach (var type in RegionPolicy.Guangdong.RequiredDocuments)
        {
            if (!go())
            {
                return;
            }

            calls?.Begin("runner: " + Document);
            await result.Time(Document, async () =>
                Expect((await workflow.Run(id, null, new RecordDocument(type, Doc(id, type)), CancellationToken.None)).Decision, Document));
            committed[id]++;
        }

        if (go())
        {
            calls?.Begin("runner: " + Submit);
            await result.Time(Submit, async () =>
                Expect((await workflow.Run(id, null, new SubmitBinding(MemberBirthDate), CancellationToken.None)).Decision, Submit));
            committed[id]++;
        }

        StorageCalls.End();
    }

    /// <summary>The runner's steps timed one at a time (sequential): the header load, decide+commit with the loaded header,
    /// and the outbox dispatch, with and without effects to send. Requests made here count in the stream check too.</summary>
    public async Task Breakdown(PhaseResult result, Func<bool> go)
    {
        while (go())
        {
            var id = NewId();
            var request = NewRequest(id);
            await workflow.Create(id, decider.Decide(null, request, clock.GetUtcNow()), CancellationToken.None);
            committed[id] = 1;
            var commands = RegionPolicy.Guangdong.RequiredDocuments
                .Select(t => (BindingCommand)new RecordDocument(t, Doc(id, t)))
                .Append(new SubmitBinding(MemberBirthDate));
            foreach (var command in commands)
            {
                var submit = command is SubmitBinding;
                var loaded = await result.Time("load header", () => streams.Load(id, CancellationToken.None), counted: false);
                var executed = await result.Time("decide + commit", () => streams.Execute(
                    id, loaded, s => decider.Decide(s!, command, clock.GetUtcNow()), CancellationToken.None), counted: false);
                Expect(executed.Decision, command.GetType().Name);
                committed[id]++;
                await result.Time(submit ? "dispatch (2 effects)" : "dispatch (no effect)", () => outbox.Dispatch(executed.Outbox.Select(p => p.Message), CancellationToken.None), counted: false);
            }

            result.Done();
        }
    }

    private static void Expect(BindingDecision decision, string what)
    {
        if (decision.IsRefused || decision.Events.Count != 1)
        {
            throw new InvalidOperationException($"{what}: refused ({decision.Refusal}) or {decision.Events.Count} events.");
        }
    }

    // The member's birth date, which the edge reads from their insured record at submission.
    private static readonly DateOnly MemberBirthDate = new(2001, 6, 1);

    private static RequestBinding NewRequest(string id)
    {
        var authorizer = new InsuredPerson(NewId(), "张伟", new DateOnly(1975, 3, 1), InsuranceType.Employee, InsuranceStatus.Normal, "guangdong");
        var member = new InsuredPerson(NewId(), "张小明", MemberBirthDate, InsuranceType.Resident, InsuranceStatus.Normal, "guangdong");
        return new RequestBinding(
            id, authorizer.Id, BindingKind.Sharing, RegionPolicy.Guangdong, Relation.Child, member.Name, "440106********1234",
            CommitmentConfirmed: false, new IntakeFacts(authorizer, member, [], [], []));
    }

    private UploadedDocument Doc(string id, DocumentType type) =>
        new($"{id}/{type}/{NewId()}", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            1024, "image/jpeg", clock.GetUtcNow());

    private static string NewId() => Guid.CreateVersion7().ToString("N");
}
