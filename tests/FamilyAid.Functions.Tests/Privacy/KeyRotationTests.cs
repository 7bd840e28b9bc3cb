using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Hosting;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Privacy;

/// <summary>Rotating the encryption key, the blind-index key and the token signing key without losing anyone.</summary>
public sealed class KeyRotationTests
{
    private const string NewSigningKey = "rotated-signing-key-that-is-long-enough-abcdefghij";

    private static readonly string OldIndexKey = FamilyAidApp.Settings()["Privacy:BlindIndexKey"]!;
    private static readonly string NewIndexKey = ConfiguredApp.Key32(181);

    /// <summary>k2 active with k1 kept, and a new blind-index key with the old one retired.</summary>
    private static void Rotated(Dictionary<string, string?> settings)
    {
        settings["Privacy:ActiveKeyId"] = "k2";
        settings["Privacy:EncryptionKeys:k2"] = ConfiguredApp.Key32(61);
        settings["Privacy:BlindIndexKey"] = NewIndexKey;
        settings["Privacy:PreviousBlindIndexKeys"] = OldIndexKey;
    }

    private static string Index(string base64Key, string residentId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.ASCII.GetBytes(residentId)));

    private static async Task<string> Upsert(FamilyAidApp app, Person person, string insuranceType)
    {
        var response = await app.Admin().PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = person.ResidentId, name = person.Name, phone = person.Phone, insuranceType, status = "normal", region = "guangdong",
            personalAccountFen = 100_000,
        });
        await Api.Expect(response, HttpStatusCode.Created);
        return (await Api.Json(response))["id"]!.GetValue<string>();
    }

    private static async Task<string> MemberOf(FamilyAidApp app, string bindingId)
    {
        var review = await app.Reviewer("guangdong").GetAsync($"/api/review/bindings/{bindingId}");
        await Api.Expect(review, HttpStatusCode.OK);
        return (await Api.Json(review))["memberId"]!.GetValue<string>();
    }

    [Fact]
    public async Task People_registered_before_a_key_rotation_keep_their_id_and_are_resealed_and_reindexed()
    {
        // Given an authorizer and a relative registered while k1 and the old index key were in use
        var prefix = ConfiguredApp.NewPrefix("rot");
        string authorizerId, memberId;
        Person authorizer, member;
        await using (var before = new ConfiguredApp(s => s["Storage:Prefix"] = prefix))
        {
            authorizer = await Api.Insured(before);
            member = await Api.Insured(before, insuranceType: "resident");
            authorizerId = authorizer.Id;
            memberId = member.Id;
        }

        var insured = new TableServiceClient(FamilyAidApp.StorageConnection).GetTableClient(prefix + "Insured");
        var index = new TableServiceClient(FamilyAidApp.StorageConnection).GetTableClient(prefix + "InsuredIndex");
        var sealedBefore = (await insured.GetEntityAsync<TableEntity>(memberId, "person")).Value;
        Assert.Equal("k1", sealedBefore.GetString("ResidentIdKeyId"));
        Assert.Equal("k1", sealedBefore.GetString("PhoneKeyId"));

        // When the app restarts on the same storage with k2 active and a new index key
        await using var after = new ConfiguredApp(s =>
        {
            s["Storage:Prefix"] = prefix;
            Rotated(s);
        });

        // Then the relative's record still opens: the phone and the resident ID (for the birth date) under k1
        var stored = (await after.Services.GetRequiredService<InsuredStore>().Get(memberId, default))!;
        Assert.Equal(member.Phone, stored.Phone);
        Assert.Equal(member.ResidentId[6..14], stored.Person.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

        // And a binding that names the relative by resident ID finds them through the retired index
        var first = await Api.CreateBinding(after, authorizer, member);
        Assert.Equal(memberId, await MemberOf(after, first));

        // And registering the relative again keeps their id
        Assert.Equal(memberId, await Upsert(after, member, "resident"));

        // And their row is resealed under k2, indexed under the new key, and still opens
        var resealed = (await insured.GetEntityAsync<TableEntity>(memberId, "person")).Value;
        Assert.Equal("k2", resealed.GetString("ResidentIdKeyId"));
        Assert.NotEqual(sealedBefore.GetString("ResidentIdSealed"), resealed.GetString("ResidentIdSealed"));
        Assert.Equal("k2", resealed.GetString("PhoneKeyId"));
        Assert.NotEqual(sealedBefore.GetString("PhoneSealed"), resealed.GetString("PhoneSealed"));
        Assert.Equal(member.Phone, (await after.Services.GetRequiredService<InsuredStore>().Get(memberId, default))!.Phone);
        Assert.Equal(Index(NewIndexKey, member.ResidentId), resealed.GetString("ResidentIdIndex"));
        var newIndexRow = (await index.GetEntityAsync<TableEntity>(Index(NewIndexKey, member.ResidentId), "person")).Value;
        Assert.Equal(memberId, newIndexRow.GetString("PersonId"));

        // And a new request for them, after the old one is cancelled, names the same person
        await Api.Expect(await after.As(authorizerId).PostAsync($"/api/bindings/{first}/cancel", null), HttpStatusCode.OK);
        var second = await Api.CreateBinding(after, authorizer, member);
        Assert.Equal(memberId, await MemberOf(after, second));
        var view = await Api.Json(await after.As(authorizerId).GetAsync($"/api/bindings/{second}"));
        Assert.Equal(member.ResidentId[..6] + "********" + member.ResidentId[14..], view["member"]!["residentIdMasked"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_person_first_registered_after_the_rotation_is_indexed_only_under_the_new_key()
    {
        // Given an app whose keys rotated
        var prefix = ConfiguredApp.NewPrefix("rot");
        await using var app = new ConfiguredApp(s =>
        {
            s["Storage:Prefix"] = prefix;
            Rotated(s);
        });

        // When a new person is registered
        var person = await Api.Insured(app);

        // Then they are sealed under k2 and indexed under the new key, not the retired one
        var row = (await new TableServiceClient(FamilyAidApp.StorageConnection).GetTableClient(prefix + "Insured").GetEntityAsync<TableEntity>(person.Id, "person")).Value;
        Assert.Equal("k2", row.GetString("ResidentIdKeyId"));
        var index = new TableServiceClient(FamilyAidApp.StorageConnection).GetTableClient(prefix + "InsuredIndex");
        Assert.True((await index.GetEntityIfExistsAsync<TableEntity>(Index(NewIndexKey, person.ResidentId), "person")).HasValue);
        Assert.False((await index.GetEntityIfExistsAsync<TableEntity>(Index(OldIndexKey, person.ResidentId), "person")).HasValue);
    }

    [Fact]
    public async Task A_token_signed_with_the_previous_signing_key_is_accepted_only_while_that_key_is_kept()
    {
        // Given an app whose signing key rotated with the old one kept, and one that dropped the old key
        await using var keeping = new ConfiguredApp(s =>
        {
            s["Auth:SigningKey"] = NewSigningKey;
            s["Auth:PreviousSigningKeys"] = FamilyAidApp.SigningKey;
        });
        await using var dropped = new ConfiguredApp(s => s["Auth:SigningKey"] = NewSigningKey);

        // When a caller presents a token signed with the old key (As mints with it), or with the new one
        var oldToken = keeping.As("rotation-caller");
        var newToken = With(keeping, Mint(NewSigningKey, "rotation-caller"));
        var strangerToken = With(keeping, Mint("some-other-signing-key-that-is-long-enough-000", "rotation-caller"));

        // Then both are accepted where the old key is kept, and a token under an unknown key is not
        await Api.Expect(await oldToken.GetAsync("/api/bindings"), HttpStatusCode.OK);
        await Api.Expect(await newToken.GetAsync("/api/bindings"), HttpStatusCode.OK);
        await Api.ExpectProblem(await strangerToken.GetAsync("/api/bindings"), HttpStatusCode.Unauthorized, "unauthorized");

        // And where the old key is dropped, its tokens are refused and new ones accepted
        await Api.ExpectProblem(await dropped.As("rotation-caller").GetAsync("/api/bindings"), HttpStatusCode.Unauthorized, "unauthorized");
        await Api.Expect(await With(dropped, Mint(NewSigningKey, "rotation-caller")).GetAsync("/api/bindings"), HttpStatusCode.OK);
    }

    private static string Mint(string key, string sub) =>
        TokenCommand.Mint(new AuthSettings(null, key, [], "familyaid", "familyaid"), ["--sub", sub], DateTimeOffset.UtcNow);

    private static HttpClient With(FamilyAidApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
