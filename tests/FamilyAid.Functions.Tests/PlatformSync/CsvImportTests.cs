using System.Text.Json.Nodes;
using FamilyAid.Functions.PlatformSync;
using Microsoft.Extensions.DependencyInjection;
using static FamilyAid.Functions.Tests.PlatformSync.ImportFiles;

namespace FamilyAid.Functions.Tests.PlatformSync;

/// <summary>The CSV variant: a header row, then lines read into the same records as JSON lines.</summary>
public sealed class CsvImportTests(SmallImportApp app) : IClassFixture<SmallImportApp>
{
    private const string Header = "residentId,op,name,phone,insuranceType,status,region,accountBalanceFen";

    private static string Row(Someone who, long fen, string region = "guangdong") =>
        $"{who.ResidentId},upsert,\"{who.Name}\",{who.Phone},employee,normal,{region},{fen}";

    private async Task<List<(long Line, string Code)>> Refusals(string id) =>
        [.. (await Report(app, id)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Select(l => (l["line"]!.GetValue<long>(), l["code"]!.GetValue<string>()))];

    [Fact]
    public async Task A_csv_upload_applies_its_good_lines_and_reports_bad_ones_by_line_number_without_clear_ids()
    {
        // Given a CSV file (columns in an order of its own) of two new people, an end of insurance with empty fields, and bad lines
        var (a, b) = (NewPerson(), NewPerson());
        var ending = await Api.Insured(app, insuranceType: "resident");
        var bad = NewPerson();
        var text = File(
            "\uFEFF" + Header,
            Row(a, 50_000),
            $"{bad.ResidentId},upsert,\"{bad.Name},{bad.Phone},employee,normal,guangdong,1",
            $"{b.ResidentId},upsert,{b.Name},{b.Phone},employee,normal,guangdong,6万",
            $"{bad.ResidentId},upsert,{bad.Name}",
            Row(b, 60_000),
            $"{ending.ResidentId},end-insurance,,,,,,",
            Row(bad, 1, region: "atlantis"));

        // When the admin uploads it as text/csv
        var response = await Post(app.Admin(), text, ImportFormats.CsvMediaType);
        await Api.Expect(response, HttpStatusCode.Accepted);
        var view = await Done(app, (await Api.Json(response))["id"]!.GetValue<string>());

        // Then the header is no record, the good lines are applied, and the bad ones reported by their line in the file
        Assert.Equal(("done", 7L, 3L, 4L), (view["status"]!.GetValue<string>(), Count(view, "read"), Count(view, "applied"), Count(view, "refused")));
        var id = view["id"]!.GetValue<string>();
        Assert.Equal([(3, "invalid-csv"), (4, "invalid-csv"), (5, "invalid-csv"), (8, "unknown-region")], await Refusals(id));
        Assert.Equal((a.Name, 50_000L), ((await Find(app, a.ResidentId))!.Person.Name, (await Find(app, a.ResidentId))!.PersonalAccountFen));
        Assert.Equal(60_000, (await Find(app, b.ResidentId))!.PersonalAccountFen);
        Assert.Equal(Domain.Insurance.InsuranceStatus.Suspended, (await Find(app, ending.ResidentId))!.Person.Status);
        Assert.Null(await Find(app, bad.ResidentId));
        var report = await Report(app, id);
        foreach (var secret in new[] { bad.ResidentId, bad.Phone, a.ResidentId, bad.ResidentId[6..14] })
        {
            Assert.DoesNotContain(secret, report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_csv_import_that_crashes_after_its_first_checkpoint_reads_the_header_again_and_applies_every_line_once()
    {
        // Given a dropped CSV file of five new people (checkpointed every two lines), whose run crashes after its first checkpoint
        var people = Enumerable.Range(0, 5).Select(_ => NewPerson()).ToList();
        var id = await Queued(app, File([Header, .. people.Select((p, i) => Row(p, 1_000 + i))]), ImportFormat.Csv);
        var runner = app.Services.GetRequiredService<ImportRunner>();
        await Assert.ThrowsAsync<TimeoutException>(() => runner.Run(id, "first", CancellationToken.None, at => at.Line >= 5 ? throw new TimeoutException() : Task.CompletedTask));

        // When another runner resumes once the claim runs out
        app.Clock.Advance(app.Services.GetRequiredService<ImportSettings>().Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(RunOutcome.Finished, await runner.Run(id, "second", CancellationToken.None));

        // Then every person is there with their balance, each line counted once, nothing refused
        var done = (await app.Services.GetRequiredService<ImportStore>().Get(id, CancellationToken.None))!;
        Assert.Equal((ImportStatus.Done, 5L, 0L), (done.Status, done.Counts.Read, done.Counts.Refused));
        Assert.Equal(5, done.Counts.Applied + done.Counts.Unchanged);
        foreach (var (who, i) in people.Select((p, i) => (p, i)))
        {
            Assert.Equal(1_000 + i, (await Find(app, who.ResidentId))!.PersonalAccountFen);
        }
    }

    [Fact]
    public async Task A_csv_file_whose_header_names_unknown_columns_fails_without_applying_a_line()
    {
        // Given a CSV file with no header row: its first line is a record
        var (first, second) = (NewPerson(), NewPerson());
        var id = await Queued(app, File(Row(first, 1), Row(second, 2)), ImportFormat.Csv);

        // When it is run
        await app.Services.GetRequiredService<ImportRunner>().Run(id, "only", CancellationToken.None);

        // Then the import failed, saying why without the line's content, and nobody was created
        var failed = (await app.Services.GetRequiredService<ImportStore>().Get(id, CancellationToken.None))!;
        Assert.Equal((ImportStatus.Failed, 0L), (failed.Status, failed.Counts.Read));
        Assert.Contains("header", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(first.ResidentId, failed.Error, StringComparison.Ordinal);
        Assert.Null(await Find(app, second.ResidentId));
    }
}
