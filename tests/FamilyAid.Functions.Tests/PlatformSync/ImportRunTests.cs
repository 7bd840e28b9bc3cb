using System.Text;
using FamilyAid.Functions.PlatformSync;
using Microsoft.Extensions.DependencyInjection;
using static FamilyAid.Functions.Tests.PlatformSync.ImportFiles;

namespace FamilyAid.Functions.Tests.PlatformSync;

/// <summary>An app that checkpoints every two lines and takes files of at most 4 KiB.</summary>
public sealed class SmallImportApp : PrivateApp
{
    public const int MaxBytes = 4096;

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["Imports:CheckpointLines"] = "2";
        settings["Imports:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class ImportRunTests(SmallImportApp app) : IClassFixture<SmallImportApp>
{
    private sealed class Crash : Exception;

    private ImportRunner Runner => app.Services.GetRequiredService<ImportRunner>();

    private ImportSettings Settings => app.Services.GetRequiredService<ImportSettings>();

    private async Task<ImportRecord> Record(string id) => (await app.Services.GetRequiredService<ImportStore>().Get(id, CancellationToken.None))!;

    [Fact]
    public async Task An_import_that_crashes_mid_file_resumes_from_its_checkpoint_applying_every_line_once()
    {
        // Given a file of three balance changes, four new people and a bad line, checkpointed every two lines
        var existing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Api.Insured(app, personalAccountFen: 10_000)));
        var fresh = Enumerable.Range(0, 4).Select(_ => NewPerson()).ToList();
        var id = await Queued(app, File(
            Upsert(existing[0], 11_000), Upsert(fresh[0], 1), Upsert(existing[1], 12_000), "{oops",
            Upsert(fresh[1], 2), Upsert(existing[2], 13_000), Upsert(fresh[2], 3), Upsert(fresh[3], 4)));

        // When the run crashes after applying lines 5-6, before their checkpoint, and another runner resumes once the claim runs out
        await Assert.ThrowsAsync<Crash>(() => Runner.Run(id, "first", CancellationToken.None, at => at.Line >= 6 ? throw new Crash() : Task.CompletedTask));
        Assert.Equal((4L, ImportStatus.Running), ((await Record(id)).Checkpoint.Line, (await Record(id)).Status));
        Assert.Equal(RunOutcome.Busy, await Runner.Run(id, "second", CancellationToken.None));
        app.Clock.Advance(Settings.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(RunOutcome.Finished, await Runner.Run(id, "second", CancellationToken.None));

        // Then every line counts once, the crashed batch's lines count as unchanged, each adjustment is posted once and the bad line reported once
        var done = await Record(id);
        Assert.Equal(ImportStatus.Done, done.Status);
        Assert.Equal(new ImportCounts(8, 5, 2, 1), done.Counts);
        foreach (var (person, fen) in existing.Zip([11_000L, 12_000L, 13_000L]))
        {
            Assert.Equal(fen, (await Find(app, person.ResidentId))!.PersonalAccountFen);
            Assert.Equal(1, await Adjustments(app, person.Id));
        }

        Assert.All(await Task.WhenAll(fresh.Select(p => Find(app, p.ResidentId))), Assert.NotNull);
        var refused = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single((await Report(app, id)).Trim().Split('\n')))!;
        Assert.Equal((4L, "invalid-json"), (refused["line"]!.GetValue<long>(), refused["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Two_runners_never_run_one_import_at_once_and_a_runner_whose_claim_was_taken_stops()
    {
        // Given an import of ten lines
        var people = Enumerable.Range(0, 10).Select(_ => NewPerson()).ToList();
        var id = await Queued(app, File(people.Select((p, i) => Upsert(p, i)).ToArray()));
        var outcomes = new List<RunOutcome>();

        // When, while the first runner holds it, a second one tries; and later, its claim having run out, a third takes over
        var first = Runner.Run(id, "first", CancellationToken.None, async at =>
        {
            if (at.Line == 2)
            {
                outcomes.Add(await Runner.Run(id, "second", CancellationToken.None));
            }

            if (at.Line == 4)
            {
                app.Clock.Advance(Settings.Lease + TimeSpan.FromSeconds(1));
                outcomes.Add(await Runner.Run(id, "third", CancellationToken.None));
            }
        });

        // Then the second is turned away, the third finishes the file, and the first stops without writing its checkpoint
        await Assert.ThrowsAsync<ImportClaimLostException>(() => first);
        Assert.Equal([RunOutcome.Busy, RunOutcome.Finished], outcomes);
        var done = await Record(id);
        Assert.Equal((ImportStatus.Done, 10L, 0L), (done.Status, done.Counts.Read, done.Counts.Refused));
        Assert.Equal(10, done.Counts.Applied + done.Counts.Unchanged);
        Assert.All(await Task.WhenAll(people.Select(p => Find(app, p.ResidentId))), Assert.NotNull);
    }

    [Fact]
    public async Task A_file_above_the_size_limit_is_refused_with_413_whether_or_not_its_length_is_announced()
    {
        // Given a file one byte above the limit
        var text = new string('x', SmallImportApp.MaxBytes + 1);

        // When the admin uploads it with a Content-Length, and chunked
        var announced = await Post(app.Admin(), text);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(StartImport.MediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/imports") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await app.Admin().SendAsync(request);

        // Then both are 413 body-too-large, and a file at the limit is taken
        await Api.ExpectProblem(announced, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await Api.ExpectProblem(chunked, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await Api.Expect(await Post(app.Admin(), text[1..]), HttpStatusCode.Accepted);
    }
}
