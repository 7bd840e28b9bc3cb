using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Privacy;

/// <summary>Rows written before birth dates were dropped and phones sealed still load; the next write leaves them out.</summary>
[Collection(AppCollection.Name)]
public sealed class StoredBeforeSealingTests(FamilyAidApp app)
{
    private static string BirthDateOf(string residentId) =>
        DateOnly.ParseExact(residentId[6..14], "yyyyMMdd", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2010-05-10", true)] // 16 on the day of the request (China date)
    [InlineData("2010-05-11", false)] // 16 the day after
    public void A_requested_event_stored_with_the_birth_date_reads_as_the_face_check_it_decided(string birthDate, bool faceCheck)
    {
        // Given a requested event as an older build stored it: the member's birth date, no face-check flag
        const string json = """
            {"at":"2026-05-09T16:30:00+00:00","bindingId":"b-1","kind":"sharing","region":"gansu","relation":"child",
             "authorizerId":"a-1","memberId":"m-1","memberName":"张小雨","memberIdMasked":"440106********1234",
             "memberBirthDate":"{birth}","requiredDocuments":[],"commitmentRequired":true,"commitmentConfirmed":true,
             "reviewRequired":false,"faceCheckMinAge":16,"dueAt":"2026-05-16T16:30:00+00:00"}
            """;

        // When it is read
        var requested = Assert.IsType<BindingRequested>(BindingEventCodec.Deserialize("requested", json.Replace("{birth}", birthDate, StringComparison.Ordinal)));

        // Then it loads, with the face check intake decided from the date then, and the date is gone
        Assert.Equal(faceCheck, requested.FaceCheckRequired);
        Assert.DoesNotContain("memberBirthDate", BindingEventCodec.Serialize(requested), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_stored_with_the_members_birth_date_loads_and_submits()
    {
        // Given a gansu request for an adult whose event and snapshot carry the birth date, as an older build wrote them
        var authorizer = await Api.Insured(app, region: "gansu");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member, region: "gansu", commitmentConfirmed: true);
        var tables = app.Services.GetRequiredService<Tables>();
        var requested = (await tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Event(1))).Value;
        var data = JsonNode.Parse(requested.GetString("Data")!)!.AsObject();
        data.Remove("faceCheckRequired");
        data["memberBirthDate"] = BirthDateOf(member.ResidentId);
        requested["Data"] = data.ToJsonString();
        await tables.Bindings.UpdateEntityAsync(requested, requested.ETag, TableUpdateMode.Replace);
        var header = (await tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value;
        var snapshot = JsonNode.Parse(header.GetString("Snapshot")!)!.AsObject();
        snapshot["memberBirthDate"] = BirthDateOf(member.ResidentId);
        header["Snapshot"] = snapshot.ToJsonString();
        await tables.Bindings.UpdateEntityAsync(header, header.ETag, TableUpdateMode.Replace);

        // When the authorizer reads it and submits it
        var read = await app.As(authorizer.Id).GetAsync($"/api/bindings/{id}");
        var submit = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

        // Then it reads as the adult's request it was, goes to the face check, and the new snapshot has no birth date
        await Api.Expect(read, HttpStatusCode.OK);
        Assert.True((await Api.Json(read))["faceCheckRequired"]!.GetValue<bool>());
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("awaiting-face-check", (await Api.Json(submit))["status"]!.GetValue<string>());
        var rewritten = (await tables.Bindings.GetEntityAsync<TableEntity>(id, Keys.Header)).Value.GetString("Snapshot")!;
        Assert.DoesNotContain("memberBirthDate", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_insured_row_with_a_clear_phone_and_birth_date_loads_and_its_next_upsert_seals_the_phone_and_drops_the_date()
    {
        // Given a person whose row an older build wrote: the phone and the birth date in clear, no sealed phone
        var person = await Api.Insured(app, insuranceType: "resident");
        var table = app.Services.GetRequiredService<Tables>().Insured;
        var row = (await table.GetEntityAsync<TableEntity>(person.Id, "person")).Value;
        row.Remove("PhoneKeyId");
        row.Remove("PhoneSealed");
        row.Remove("PhoneMasked");
        row["Phone"] = person.Phone;
        row["BirthDate"] = BirthDateOf(person.ResidentId);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        // When it is read, then it loads: the phone from the clear column, the birth date from the sealed ID
        var store = app.Services.GetRequiredService<InsuredStore>();
        var before = (await store.Get(person.Id, default))!;
        Assert.Equal(person.Phone, before.Phone);
        Assert.Equal(BirthDateOf(person.ResidentId), before.Person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // And when the platform reports the person again
        var upsert = await app.Admin().PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = person.ResidentId, name = person.Name, phone = person.Phone, insuranceType = "resident", status = "normal",
            region = "guangdong", personalAccountFen = 100_000,
        });
        await Api.Expect(upsert, HttpStatusCode.Created);

        // Then the row keeps neither in clear, shows the phone masked, and still opens to both
        var after = (await table.GetEntityAsync<TableEntity>(person.Id, "person")).Value;
        Assert.False(after.ContainsKey("Phone"));
        Assert.False(after.ContainsKey("BirthDate"));
        Assert.Equal(person.Phone[..3] + "****" + person.Phone[7..], after.GetString("PhoneMasked"));
        var reloaded = (await store.Get(person.Id, default))!;
        Assert.Equal(person.Phone, reloaded.Phone);
        Assert.Equal(before.Person.BirthDate, reloaded.Person.BirthDate);
    }
}
