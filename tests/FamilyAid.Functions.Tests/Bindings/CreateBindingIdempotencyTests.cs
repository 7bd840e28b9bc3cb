using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary><c>Idempotency-Key</c> on <c>POST /api/bindings</c>: scoped to the caller, the first answer replayed.</summary>
[Collection(AppCollection.Name)]
public sealed class CreateBindingIdempotencyTests(FamilyAidApp app)
{
    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    private async Task<(Person Authorizer, Person Member)> Pair()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        return (authorizer, member);
    }

    [Fact]
    public async Task The_same_key_and_body_replay_the_first_answer_byte_for_byte()
    {
        // Given a request created under a key
        var (authorizer, member) = await Pair();
        var key = NewKey();
        var client = app.As(authorizer.Id);
        var first = await Send.Create(client, Send.Body(member), key);
        await Api.Expect(first, HttpStatusCode.Created);

        // When the client retries with the same key and body
        var retry = await Send.Create(client, Send.Body(member), key);

        // Then it gets the first answer again, and only one request exists
        await Api.Expect(retry, HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), retry.Content.Headers.ContentType?.ToString());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal([await Send.CreatedId(first)], await Send.ListedIds(client));
    }

    [Fact]
    public async Task The_record_keeps_no_plain_hash_of_a_body_that_holds_a_resident_id_and_a_phone()
    {
        // Given a request created under a key (its body holds the member's resident ID and phone)
        var (authorizer, member) = await Pair();
        var key = NewKey();
        var body = Send.Body(member).ToJsonString();
        await Api.Expect(await Send.Json(app.As(authorizer.Id), "/api/bindings", body, key), HttpStatusCode.Created);

        // When the idempotency table is read
        var hashes = new List<string>();
        await foreach (var row in app.Services.GetRequiredService<FamilyAid.Functions.Storage.Tables>().Idempotency
                           .QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RequestHash"]))
        {
            hashes.Add(row.GetString("RequestHash")!);
        }

        // Then no record holds an unkeyed SHA-256 of the body, as sent or canonical: guessing the digits the masks hide
        // and hashing cannot find the resident ID or the phone again
        var canonical = FamilyAid.Functions.Http.CanonicalJson.From(System.Text.Encoding.UTF8.GetBytes(body))!;
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), hashes);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical)), hashes);
        Assert.Contains(app.Services.GetRequiredService<FamilyAid.Functions.Privacy.ResidentIdProtector>().Fingerprint(canonical), hashes);
    }

    [Fact]
    public async Task The_same_body_with_members_reordered_and_spaced_otherwise_is_a_replay()
    {
        // Given a request created under a key
        var (authorizer, member) = await Pair();
        var key = NewKey();
        var client = app.As(authorizer.Id);
        var first = await Send.Create(client, Send.Body(member), key);
        await Api.Expect(first, HttpStatusCode.Created);

        // When the retry sends the same JSON with every object's members in reverse order (nested too), indented
        var reordered = Reversed(Send.Body(member))!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.NotEqual(Send.Body(member).ToJsonString(), reordered);
        var retry = await Send.Json(client, "/api/bindings", reordered, key);

        // Then it is a replay of the first answer, not a conflict, and only one request exists
        await Api.Expect(retry, HttpStatusCode.Created);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal([await Send.CreatedId(first)], await Send.ListedIds(client));
    }

    /// <summary>A copy with each object's members in reverse order, all the way down.</summary>
    private static System.Text.Json.Nodes.JsonNode? Reversed(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reversed(p.Value)))),
        _ => node?.DeepClone(),
    };

    [Fact]
    public async Task Request_in_progress_says_how_long_the_first_requests_claim_still_lasts()
    {
        // Given a key whose first request claimed it 12.5 s ago and is still running, on an app with its own clock
        await using var own = new FamilyAid.Functions.Tests.Security.ConfiguredApp(_ => { }, FamilyAidApp.Start);
        var member = new Person("none", TestIds.Adult(), "张三", "13912345678");
        var body = Send.Body(member).ToJsonString();
        var key = NewKey();
        var store = own.Services.GetRequiredService<FamilyAid.Functions.Http.IdempotencyStore>();
        Assert.IsType<FamilyAid.Functions.Http.IdempotencyStore.Claimed>(await store.Begin(
            "claiming-caller", FamilyAid.Functions.Bindings.CreateBinding.Name, key, System.Text.Encoding.UTF8.GetBytes(body), "claimed-id", CancellationToken.None));
        own.AppClock.Advance(TimeSpan.FromSeconds(12.5));

        // When a retry comes with the same key and body
        var retry = await Send.Json(own.As("claiming-caller"), "/api/bindings", body, key);

        // Then it is told to come back when the claim runs out: 17.5 s, rounded up
        await Api.ExpectProblem(retry, HttpStatusCode.Conflict, "request-in-progress");
        Assert.Equal(TimeSpan.FromSeconds(18), retry.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_retry_after_the_first_create_died_before_keeping_its_answer_finds_the_request_it_made()
    {
        // Given a key whose first request opened its binding request and died before its answer was kept, on an app with its own clock
        await using var own = new FamilyAid.Functions.Tests.Security.ConfiguredApp(_ => { }, FamilyAidApp.Start);
        var authorizer = await Api.Insured(own);
        var member = await Api.Insured(own, insuranceType: "resident");
        var body = Send.Body(member).ToJsonString();
        var key = NewKey();
        var claimedId = FamilyAid.Functions.Storage.Ids.New(own.AppClock);
        var store = own.Services.GetRequiredService<FamilyAid.Functions.Http.IdempotencyStore>();
        Assert.IsType<FamilyAid.Functions.Http.IdempotencyStore.Claimed>(await store.Begin(
            authorizer.Id, FamilyAid.Functions.Bindings.CreateBinding.Name, key, System.Text.Encoding.UTF8.GetBytes(body), claimedId, CancellationToken.None));
        var request = JsonSerializer.Deserialize<FamilyAid.Functions.Bindings.CreateBinding.Request>(body, FamilyAid.Functions.Http.Json.Options)!;
        var (parsed, _) = request.Parse(
            FamilyAid.Domain.Identity.Age.ChinaDate(own.AppClock.GetUtcNow()), own.Services.GetRequiredService<FamilyAid.Domain.Policy.PolicyBook>());
        var caller = new FamilyAid.Functions.Callers.Caller(authorizer.Id, FamilyAid.Functions.Callers.CallerRole.Applicant, null, null);
        var opened = await own.Services.GetRequiredService<FamilyAid.Functions.Bindings.BindingIntake>()
            .Open(parsed!.For(claimedId, caller), fresh: true, CancellationToken.None);
        Assert.Equal(claimedId, opened.Request?.Id);
        own.AppClock.Advance(FamilyAid.Functions.Http.IdempotencyStore.ClaimTimeout + TimeSpan.FromSeconds(1));

        // When the client retries with the same key and body once the claim has run out
        var retry = await Send.Json(own.As(authorizer.Id), "/api/bindings", body, key);

        // Then it is answered with the request the first one opened, which stays the only one, with one audit entry
        Assert.Equal(claimedId, await Send.CreatedId(retry));
        Assert.Equal([claimedId], await Send.ListedIds(own.As(authorizer.Id)));
        var trail = await Api.Json(await own.Admin().GetAsync($"/api/admin/audit?subject={claimedId}"));
        Assert.Equal(["binding-requested"], trail.AsArray().Select(e => e!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_replay_is_the_first_answer_even_after_the_request_moved_on()
    {
        // Given a request created under a key and then cancelled
        var (authorizer, member) = await Pair();
        var key = NewKey();
        var client = app.As(authorizer.Id);
        var first = await Send.Create(client, Send.Body(member), key);
        var id = await Send.CreatedId(first);
        await Api.Expect(await client.PostAsync($"/api/bindings/{id}/cancel", null), HttpStatusCode.OK);

        // When the client retries the create
        var retry = await Send.Create(client, Send.Body(member), key);

        // Then it is told what it was told first, and no second request is opened
        await Api.Expect(retry, HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal([id], await Send.ListedIds(client));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        // Given a request created under a key
        var (authorizer, member) = await Pair();
        var other = await Api.Insured(app, insuranceType: "resident");
        var key = NewKey();
        var client = app.As(authorizer.Id);
        var id = await Send.CreatedId(await Send.Create(client, Send.Body(member), key));

        // When the same key comes with another member, and with another relation
        var otherMember = await Send.Create(client, Send.Body(other), key);
        var otherRelation = await Send.Create(client, Send.Body(member, relation: "spouse"), key);

        // Then both are refused, and nothing was created for them
        await Api.ExpectProblem(otherMember, HttpStatusCode.Conflict, "idempotency-conflict");
        await Api.ExpectProblem(otherRelation, HttpStatusCode.Conflict, "idempotency-conflict");
        Assert.Equal([id], await Send.ListedIds(client));
        Assert.Empty(await Send.ListedIds(app.As(other.Id)));
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_caller()
    {
        // Given two authorizers with the same relative and the same key
        var first = await Api.Insured(app);
        var second = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var key = NewKey();

        // When both create with the same key and the same body
        var a = await Send.Create(app.As(first.Id), Send.Body(member), key);
        var b = await Send.Create(app.As(second.Id), Send.Body(member), key);

        // Then each gets their own request
        var idA = await Send.CreatedId(a);
        var idB = await Send.CreatedId(b);
        Assert.NotEqual(idA, idB);
        Assert.False(b.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal([idA], await Send.ListedIds(app.As(first.Id)));
        Assert.Equal([idB], await Send.ListedIds(app.As(second.Id)));
    }

    [Fact]
    public async Task A_refusal_is_replayed_for_its_key_even_once_the_request_would_pass()
    {
        // Given a request refused under a key because the name does not match the record
        var (authorizer, member) = await Pair();
        var key = NewKey();
        var client = app.As(authorizer.Id);
        var body = Send.Body(member with { Name = "新名字" });
        var first = await Send.Create(client, body, key);
        await Api.ExpectProblem(first, HttpStatusCode.UnprocessableEntity, "member-mismatch");

        // And the record is then corrected so that the same body would now be accepted
        var rename = Send.InsuredBody(member.ResidentId, name: "新名字", phone: member.Phone, insuranceType: "resident");
        await Api.Expect(await Send.Json(app.Admin(), "/api/admin/insured", rename.ToJsonString()), HttpStatusCode.Created);

        // When the client retries with the same key and body
        var retry = await Send.Create(client, body, key);

        // Then the refusal is replayed as it was; without the key the same body is accepted
        await Api.ExpectProblem(retry, HttpStatusCode.UnprocessableEntity, "member-mismatch");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Empty(await Send.ListedIds(client));
        await Api.Expect(await Send.Create(client, body), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("long")]
    [InlineData("tab")]
    [InlineData("control")]
    [InlineData("delete")]
    [InlineData("non-ascii")]
    public async Task An_invalid_key_is_400_and_creates_nothing(string which)
    {
        // Given a key that is too long, empty, or has characters outside printable ASCII
        var key = which switch
        {
            "long" => new string('k', 256),
            "tab" => "key\twith-tab",
            "control" => "key\u0001",
            "delete" => "key\u007f",
            "non-ascii" => "钥匙-" + Guid.NewGuid(),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        var (authorizer, member) = await Pair();
        var client = app.As(authorizer.Id);

        // When a create carries it
        var response = await Send.Create(client, Send.Body(member), key);

        // Then it is refused and no request exists
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-idempotency-key");
        Assert.Empty(await Send.ListedIds(client));
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        var (authorizer, member) = await Pair();
        var key = (Guid.NewGuid().ToString("N") + new string('~', 255))[..255];
        var client = app.As(authorizer.Id);

        var first = await Send.Create(client, Send.Body(member), key);
        var retry = await Send.Create(client, Send.Body(member), key);

        Assert.Equal(await Send.CreatedId(first), await Send.CreatedId(retry));
        Assert.Single(await Send.ListedIds(client));
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_create_one_request()
    {
        // Given eight copies of one keyed create sent at once
        var (authorizer, member) = await Pair();
        var key = NewKey();
        var client = app.As(authorizer.Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send.Create(client, Send.Body(member), key)));

        // Then each is the created request or "still running", never a second request or a duplicate refusal
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                ids.Add(await Send.CreatedId(response));
            }
            else
            {
                await Api.ExpectProblem(response, HttpStatusCode.Conflict, "request-in-progress");
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }

        var id = Assert.Single(ids);
        Assert.Equal([id], await Send.ListedIds(client));

        // And a retry afterwards is the answer of the one that ran
        Assert.Equal(id, await Send.CreatedId(await Send.Create(client, Send.Body(member), key)));
    }

    [Fact]
    public async Task Concurrent_creates_without_a_key_for_one_member_open_one_request()
    {
        // Given eight creates for the same member sent at once, without keys
        var (authorizer, member) = await Pair();
        var client = app.As(authorizer.Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send.Create(client, Send.Body(member))));

        // Then exactly one is created and the others are duplicates of it
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var id = await Send.CreatedId(Assert.Single(created));
        foreach (var refused in responses.Except(created))
        {
            await Api.ExpectProblem(refused, HttpStatusCode.Conflict, "duplicate-request");
        }

        Assert.Equal([id], await Send.ListedIds(client));
        Assert.Equal([id], await Send.ListedIds(app.As(member.Id)));
    }
}
