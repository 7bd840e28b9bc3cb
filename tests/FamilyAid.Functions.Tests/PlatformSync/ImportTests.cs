using System.Text.Json.Nodes;
using FamilyAid.Functions.PlatformSync;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using static FamilyAid.Functions.Tests.PlatformSync.ImportFiles;

namespace FamilyAid.Functions.Tests.PlatformSync;

[Collection(AppCollection.Name)]
public sealed class ImportTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_file_with_good_and_bad_lines_applies_the_good_and_reports_the_bad_by_line_number_without_clear_ids()
    {
        // Given a file of three new people, one existing person's new balance, and five bad lines
        var (a, b, c) = (NewPerson(), NewPerson(), NewPerson());
        var existing = await Api.Insured(app, personalAccountFen: 100_000);
        var valid = TestIds.Adult();
        var badCheck = valid[..17] + (valid[17] == '0' ? "1" : "0");
        var unknown = NewPerson();
        var file = File(
            Upsert(a, 50_000),
            "{\"op\":\"upsert\",\"residentId\":",
            Upsert(b, 60_000),
            Upsert(new Someone(badCheck, "坏号码", "13800000000"), 1),
            Upsert(c, 70_000, region: "atlantis"),
            """{"op":"move-region","residentId":"110101198001010011"}""".Replace("110101198001010011", a.ResidentId, StringComparison.Ordinal),
            Upsert(ImportFiles.NewPerson(), 1).Replace("\"phone\":", "\"mobile\":", StringComparison.Ordinal),
            Upsert(c, 70_000),
            """{"op":"end-insurance","residentId":"X"}""".Replace("X", unknown.ResidentId, StringComparison.Ordinal),
            Upsert(existing, 120_000));

        // When the admin imports it
        var view = await Import(app, file);

        // Then the good lines are applied, each bad one refused and reported with its line number and code
        Assert.Equal("done", view["status"]!.GetValue<string>());
        var text = await Report(app, view["id"]!.GetValue<string>());
        Assert.True(Count(view, "refused") == 6, text);
        Assert.Equal((10, 4, 0, 6), (Count(view, "read"), Count(view, "applied"), Count(view, "unchanged"), Count(view, "refused")));
        var report = (await Report(app, view["id"]!.GetValue<string>())).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).Select(l => (l["line"]!.GetValue<long>(), l["code"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [(2, "invalid-json"), (4, "invalid-resident-id"), (5, "unknown-region"), (6, "invalid-request"), (7, "invalid-json"), (9, "unknown-person")],
            report);
        foreach (var secret in new[] { a.ResidentId, badCheck, unknown.ResidentId, c.ResidentId, "13800000000", a.Phone, badCheck[..14] })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(b.Name, (await Find(app, b.ResidentId))!.Person.Name);
        Assert.Equal("guangdong", (await Find(app, c.ResidentId))!.Person.Region);
        Assert.Equal(120_000, (await Find(app, existing.ResidentId))!.PersonalAccountFen);
        Assert.Equal(1, await Adjustments(app, existing.Id));
    }

    [Fact]
    public async Task The_same_file_imported_again_changes_nothing_and_posts_nothing()
    {
        // Given a file that creates two people, changes one existing person's balance and ends another's insurance, imported once
        var (a, b) = (NewPerson(), NewPerson());
        var richer = await Api.Insured(app, personalAccountFen: 100_000);
        var ending = await Api.Insured(app, insuranceType: "resident");
        var file = File(
            Upsert(a, 1_000), Upsert(b, 2_000), Upsert(richer, 150_000),
            $"{{\"op\":\"end-insurance\",\"residentId\":\"{ending.ResidentId}\"}}");
        var first = await Import(app, file);
        Assert.Equal(4, Count(first, "applied"));
        var versions = await Task.WhenAll(new[] { a.ResidentId, b.ResidentId, richer.ResidentId, ending.ResidentId }.Select(id => Find(app, id)));

        // When the same file is imported again
        var second = await Import(app, file);

        // Then every line is unchanged, and no adjustment is posted again
        Assert.Equal((4, 0, 4, 0), (Count(second, "read"), Count(second, "applied"), Count(second, "unchanged"), Count(second, "refused")));
        Assert.Equal(1, await Adjustments(app, richer.Id));
        Assert.Equal(Domain.Insurance.InsuranceStatus.Suspended, (await Find(app, ending.ResidentId))!.Person.Status);
        var third = await Import(app, file);
        Assert.Equal(4, Count(third, "unchanged"));
        // A record with no adjustment owed is not even written again.
        Assert.Equal(versions[0]!.Version, (await Find(app, a.ResidentId))!.Version);
    }

    [Fact]
    public async Task A_file_dropped_into_the_imports_container_is_imported()
    {
        // Given a file the platform drops under imports/drop/
        var who = NewPerson();
        var storage = app.Services.GetRequiredService<ImportStorage>();
        await storage.Ready(CancellationToken.None);
        var name = $"{ImportStorage.DropPrefix}{Guid.NewGuid():N}.jsonl";
        var uploaded = await storage.Container.GetBlobClient(name).UploadAsync(new BinaryData(File(Upsert(who, 5_000), "not json")));

        // When the trigger runner notices it
        var id = Keys.Hash($"{name}\n{uploaded.Value.ETag}");
        await Api.Eventually(async () => (await app.Admin().GetAsync($"/api/admin/imports/{id}")).StatusCode == HttpStatusCode.OK, "the dropped file's import");
        var view = await Done(app, id);

        // Then it is imported like an upload
        Assert.Equal(("drop", 2, 1, 1), (view["source"]!.GetValue<string>(), Count(view, "read"), Count(view, "applied"), Count(view, "refused")));
        Assert.NotNull(await Find(app, who.ResidentId));
    }

    [Fact]
    public async Task Only_an_admin_may_import_or_see_an_import_and_only_json_lines_or_csv()
    {
        // Given a file
        var file = File(Upsert(NewPerson(), 1));

        // When a reviewer and an applicant try, and an admin sends it as plain text
        var reviewer = await Post(app.Reviewer("guangdong"), file);
        var applicant = await Post(app.As((await Api.Insured(app)).Id), file);
        var csv = await Post(app.Admin(), file, "text/plain");
        var look = await app.Reviewer("guangdong").GetAsync($"/api/admin/imports/{Guid.NewGuid():N}");
        var missing = await app.Admin().GetAsync($"/api/admin/imports/{Guid.NewGuid():N}");

        // Then only the admin gets through, and only with application/x-ndjson or text/csv
        await Api.ExpectProblem(reviewer, HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(applicant, HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(csv, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await Api.ExpectProblem(look, HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(missing, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_import_command_uploads_a_file_and_shows_progress_until_done()
    {
        // Given a file on disk
        var path = Path.GetTempFileName();
        await System.IO.File.WriteAllTextAsync(path, File(Upsert(NewPerson(), 1), Upsert(NewPerson(), 2), "{"));
        var output = new StringWriter();

        // When the admin's import command uploads it
        var exit = await ImportCommand.Import(app.Admin(), path, output, TimeSpan.FromMilliseconds(50), CancellationToken.None);

        // Then it ends when the import is done, with a full bar and the counts
        System.IO.File.Delete(path);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("[##############################] 100% done: 3 read, 2 applied, 0 unchanged, 1 refused", output.ToString(), StringComparison.Ordinal);
    }
}
