using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;

namespace FamilyAid.Bench;

/// <summary><c>-- micro</c>: BenchmarkDotNet, in-process (no generated project to build), short runs.</summary>
internal static class Micro
{
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summaries = BenchmarkSwitcher.FromTypes([typeof(DomainBenchmarks)]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}

/// <summary>The pure work inside a command: parsing an ID, deciding, and the snapshot's JSON round trip that every
/// command does once each way (load deserializes the header, commit serializes it).</summary>
[MemoryDiagnoser]
public class DomainBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private readonly BindingDecider decider = new(BindingTimeouts.Default, WorkingCalendar.WeekendsOnly);
    private readonly SubmitBinding submit = new(new DateOnly(2001, 6, 1));
    private string residentId = "";
    private RequestBinding request = null!;
    private BindingState documented = null!;
    private string snapshot = "";

    [GlobalSetup]
    public void Setup()
    {
        const string first17 = "44010619800101123";
        residentId = first17 + ResidentId.CheckCharacterFor(first17);
        var authorizer = new InsuredPerson("a0000000000000000000000000000001", "张伟", new DateOnly(1975, 3, 1), InsuranceType.Employee, InsuranceStatus.Normal, "guangdong");
        var member = new InsuredPerson("m0000000000000000000000000000001", "张小明", new DateOnly(2001, 6, 1), InsuranceType.Resident, InsuranceStatus.Normal, "guangdong");
        request = new RequestBinding(
            "b0000000000000000000000000000001", authorizer.Id, BindingKind.Sharing, RegionPolicy.Guangdong, Relation.Child, member.Name,
            "440106********1234", CommitmentConfirmed: false, new IntakeFacts(authorizer, member, [], [], []));
        var state = BindingDecider.Fold(decider.Decide(null, request, Now).Events)!;
        foreach (var type in RegionPolicy.Guangdong.RequiredDocuments)
        {
            var document = new UploadedDocument(
                $"{request.BindingId}/{type}/0123456789abcdef0123456789abcdef",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 1024, "image/jpeg", Now);
            state = BindingDecider.Evolve(state, decider.Decide(state, new RecordDocument(type, document), Now).Events.Single());
        }

        documented = state;
        snapshot = JsonSerializer.Serialize(documented, Json.Options);
    }

    [Benchmark]
    public bool ResidentIdTryParse() => ResidentId.TryParse(residentId, out _);

    [Benchmark]
    public BindingDecision DecideRequestBinding() => decider.Decide(null, request, Now);

    [Benchmark]
    public BindingDecision DecideSubmit() => decider.Decide(documented, submit, Now);

    [Benchmark]
    public string SnapshotSerialize() => JsonSerializer.Serialize(documented, Json.Options);

    [Benchmark]
    public BindingState SnapshotDeserialize() => JsonSerializer.Deserialize<BindingState>(snapshot, Json.Options)!;

    [Benchmark]
    public BindingState SnapshotRoundTrip() =>
        JsonSerializer.Deserialize<BindingState>(JsonSerializer.Serialize(documented, Json.Options), Json.Options)!;
}
