using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>After a representative flow, no resident ID is in clear anywhere in the storage account, in a queue
/// message, in a blob name, in a log line or in an answer: only sealed, blind-indexed and masked. Nor can one be
/// rebuilt from what is in clear side by side (a masked form and a birth date), and no phone number is in clear.</summary>
public sealed class ResidentIdScanTests(ITestOutputHelper output)
{
    private const string InsuredPhone = "13912345678";
    private const string MemberInputPhone = "13812345678";
    private static readonly string[] FlowPhones = [InsuredPhone, MemberInputPhone];

    [Fact]
    public async Task No_resident_id_or_phone_is_in_clear_or_rebuildable_in_any_table_queue_blob_name_log_line_or_answer()
    {
        // Given an app of its own, and every answer it gives kept
        await using var app = new ConfiguredApp(s => s["Storage:Prefix"] = ConfiguredApp.NewPrefix("scan"));
        var answers = new List<string>();
        async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> call)
        {
            var response = await call;
            answers.Add(await response.Content.ReadAsStringAsync());
            return response;
        }

        async Task<string> Upsert(string residentId, string name, string insuranceType = "resident")
        {
            var response = await Keep(app.Admin().PostAsJsonAsync("/api/admin/insured", new
            {
                residentId, name, phone = InsuredPhone, insuranceType, status = "normal", region = "guangdong", personalAccountFen = 100_000,
            }));
            await Api.Expect(response, HttpStatusCode.Created);
            return (await Api.Json(response))["id"]!.GetValue<string>();
        }

        Task<HttpResponseMessage> Create(HttpClient client, string residentId, string name, string? key = null)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/bindings")
            {
                Content = JsonContent.Create(new
                {
                    kind = "sharing", region = "guangdong", relation = "child", member = new { residentId, name, phone = MemberInputPhone },
                }),
            };
            if (key is not null)
            {
                message.Headers.Add("Idempotency-Key", key);
            }

            return Keep(client.SendAsync(message));
        }

        // And people the admin registers: an authorizer, three relatives (one whose ID ends in X, typed with a
        // lower-case x), one of them registered twice
        var authorizerId = TestIds.Adult();
        var firstId = TestIds.Adult();
        var secondId = TestIds.Adult();
        var xId = EndingInX();
        var nobodyId = TestIds.Adult();
        var badCheckId = firstId[..17] + (firstId[17] == '0' ? '1' : '0');
        var badDateId = "44010619901332" + "123";
        badDateId += FamilyAid.Domain.Identity.ResidentId.CheckCharacterFor(badDateId);
        string[] flowIds = [authorizerId, firstId, secondId, xId, nobodyId, badCheckId, badDateId];
        Assert.All(new[] { authorizerId, firstId, secondId, xId, xId.ToLowerInvariant(), nobodyId }, id => Assert.True(ClearResidentIds.In($"at {id}.")));

        var authorizer = await Upsert(authorizerId, "扫描授权人", "employee");
        var first = await Upsert(firstId, "扫描甲");
        var second = await Upsert(secondId, "扫描乙");
        var x = await Upsert(xId.ToLowerInvariant(), "扫描丙");
        Assert.Equal(first, await Upsert(firstId, "扫描甲"));
        var client = app.As(authorizer);

        // When the authorizer walks one request to review, opens two more (one with an Idempotency-Key) and cancels them
        var one = await Create(client, firstId, "扫描甲");
        await Api.Expect(one, HttpStatusCode.Created);
        var oneId = (await Api.Json(one))["id"]!.GetValue<string>();
        foreach (var type in Api.AllDocuments)
        {
            await Api.Expect(await Keep(Api.Upload(client, oneId, type, Api.Jpeg())), HttpStatusCode.Created);
        }

        await Api.Expect(await Keep(client.PostAsync($"/api/bindings/{oneId}/submit", null)), HttpStatusCode.Accepted);

        var two = await Create(client, secondId, "扫描乙", key: "scan-two");
        await Api.Expect(two, HttpStatusCode.Created);
        var twoId = (await Api.Json(two))["id"]!.GetValue<string>();
        await Api.Expect(await Keep(Api.Upload(client, twoId, "member-id-front", Api.Jpeg())), HttpStatusCode.Created);
        await Api.Expect(await Create(client, secondId, "扫描乙", key: "scan-two"), HttpStatusCode.Created);
        await Api.Expect(await Create(client, secondId, "扫描乙"), HttpStatusCode.Conflict);
        await Api.Expect(await Keep(client.PostAsync($"/api/bindings/{twoId}/cancel", null)), HttpStatusCode.OK);

        var three = await Create(client, xId.ToLowerInvariant(), "扫描丙");
        await Api.Expect(three, HttpStatusCode.Created);
        var threeId = (await Api.Json(three))["id"]!.GetValue<string>();
        await Api.Expect(await Keep(client.PostAsync($"/api/bindings/{threeId}/cancel", null)), HttpStatusCode.OK);

        // And requests are refused: invalid IDs, a valid ID of nobody (keyed, so its refusal is stored for replay),
        // a name that does not match, an ID sent as a number, and an upsert by a non-admin
        await Api.Expect(await Create(client, badCheckId, "扫描甲"), HttpStatusCode.BadRequest);
        await Api.Expect(await Create(client, badDateId, "扫描甲"), HttpStatusCode.BadRequest);
        await Api.Expect(await Create(client, nobodyId, "无此人", key: "scan-nobody"), HttpStatusCode.UnprocessableEntity);
        await Api.Expect(await Create(client, firstId, "不是扫描甲"), HttpStatusCode.UnprocessableEntity);
        var numeric = new StringContent(
            $"{{\"kind\":\"sharing\",\"region\":\"guangdong\",\"relation\":\"child\",\"member\":{{\"residentId\":{firstId[..17]}1,\"name\":\"扫描甲\",\"phone\":\"13812345678\"}}}}",
            Encoding.UTF8, "application/json");
        await Api.Expect(await Keep(client.PostAsync("/api/bindings", numeric)), HttpStatusCode.BadRequest);
        await Api.Expect(await Keep(app.Admin().PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = badCheckId, name = "扫描丁", phone = "13912345678", insuranceType = "resident", status = "normal", region = "guangdong", personalAccountFen = 0,
        })), HttpStatusCode.BadRequest);
        await Api.Expect(await Keep(app.As(second).PostAsJsonAsync("/api/admin/insured", new
        {
            residentId = nobodyId, name = "扫描戊", phone = "13912345678", insuranceType = "resident", status = "normal", region = "guangdong", personalAccountFen = 0,
        })), HttpStatusCode.Forbidden);

        // And a reviewer reads the submitted request, the admin reads its audit trail, and everyone reads their requests
        await Api.Expect(await Keep(app.Reviewer("guangdong").GetAsync($"/api/review/bindings/{oneId}")), HttpStatusCode.OK);
        await Api.Expect(await Keep(app.Admin().GetAsync($"/api/admin/audit?subject={oneId}")), HttpStatusCode.OK);
        await Api.Expect(await Keep(app.Admin().GetAsync($"/api/admin/audit?subject={first}")), HttpStatusCode.OK);
        await Api.Expect(await Keep(client.GetAsync("/api/bindings")), HttpStatusCode.OK);
        await Api.Expect(await Keep(app.As(x).GetAsync("/api/bindings")), HttpStatusCode.OK);

        // Then each member is shown masked, the check character upper-case
        foreach (var (bindingId, residentId) in new[] { (oneId, firstId), (twoId, secondId), (threeId, xId) })
        {
            var view = await Keep(client.GetAsync($"/api/bindings/{bindingId}"));
            await Api.Expect(view, HttpStatusCode.OK);
            Assert.Equal(residentId[..6] + "********" + residentId[14..], (await Api.Json(view))["member"]!["residentIdMasked"]!.GetValue<string>());
        }

        // And no answer holds a resident ID in full, the parts to rebuild one, or a phone number
        Assert.All(answers, body =>
        {
            Assert.False(ClearResidentIds.AnyOf(body, flowIds), $"An answer holds a resident ID of the flow: {ClearResidentIds.Redact(Mask(body, flowIds))}");
            Assert.False(ClearResidentIds.In(body), $"An answer holds a resident ID: {ClearResidentIds.Redact(body)}");
            Assert.False(ClearResidentIds.Rebuilt([body], flowIds) > 0, $"An answer rebuilds a resident ID of the flow: {Mask(body, flowIds)}");
            Assert.False(ClearPhones.AnyOf(body, FlowPhones), $"An answer holds a phone number of the flow: {Mask(body, flowIds)}");
        });

        // And no entity of any table in the account holds one in a key or a property (other tests' data too), nor a
        // phone number, nor a masked form and a birth date that rebuild one together (any two of its columns, or
        // inside one JSON column)
        var findings = new List<string>();
        int tables = 0, entities = 0, properties = 0;
        var tableService = new TableServiceClient(FamilyAidApp.StorageConnection);
        await foreach (var table in tableService.QueryAsync())
        {
            tables++;
            if (Found(table.Name, flowIds))
            {
                findings.Add($"the name of a table ({ClearResidentIds.Redact(table.Name)})");
            }

            try
            {
                await foreach (var entity in tableService.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    entities++;
                    var at = $"table {table.Name}, partition '{Mask(entity.PartitionKey, flowIds)}', row '{Mask(entity.RowKey, flowIds)}'";
                    foreach (var (name, value) in entity)
                    {
                        properties++;
                        if (Found(Text(value), flowIds))
                        {
                            findings.Add($"{at}, property {name}");
                        }

                        if (ClearPhones.AnyOf(Text(value), FlowPhones))
                        {
                            findings.Add($"{at}, property {name}: a phone number");
                        }
                    }

                    if (ClearResidentIds.Rebuilt(entity.Select(p => Text(p.Value)), flowIds) is > 0 and var rebuilt)
                    {
                        findings.Add($"{at}: {rebuilt} resident IDs rebuilt from a masked form and a date in its columns ({string.Join(", ", entity.Keys)})");
                    }
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Another test dropped its table while this one read.
            }
        }

        // And no queue message holds one, its parts or a phone number (those not taken yet, and the poisoned)
        int queues = 0, messages = 0;
        var queueService = new QueueServiceClient(FamilyAidApp.StorageConnection);
        await foreach (var queue in queueService.GetQueuesAsync())
        {
            queues++;
            try
            {
                foreach (var message in (await queueService.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
                {
                    messages++;
                    var text = message.Body.ToString();
                    if (Found(text, flowIds) || ClearPhones.AnyOf(text, FlowPhones) || ClearResidentIds.Rebuilt([text], flowIds) > 0)
                    {
                        findings.Add($"queue {queue.Name}, message {message.MessageId}");
                    }
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted by another test meanwhile.
            }
        }

        // And no blob is named with one, in any container
        int containers = 0, blobs = 0;
        var blobService = new BlobServiceClient(FamilyAidApp.StorageConnection, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
        await foreach (var container in blobService.GetBlobContainersAsync())
        {
            containers++;
            try
            {
                await foreach (var blob in blobService.GetBlobContainerClient(container.Name).GetBlobsAsync())
                {
                    blobs++;
                    if (Found(blob.Name, flowIds) || ClearPhones.AnyOf(blob.Name, FlowPhones) || ClearResidentIds.Rebuilt([blob.Name], flowIds) > 0)
                    {
                        findings.Add($"container {container.Name}, blob '{Mask(blob.Name, flowIds)}'");
                    }
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted by another test meanwhile.
            }
        }

        // And no line the app logged holds one, its parts or a phone number
        var lines = app.Logs.Lines.ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Found(lines[i], flowIds) || ClearPhones.AnyOf(lines[i], FlowPhones) || ClearResidentIds.Rebuilt([lines[i]], flowIds) > 0)
            {
                findings.Add($"log line {i}: {Mask(lines[i], flowIds)}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scanned {tables} tables, {entities} entities, {properties} properties; {queues} queues, {messages} messages; {containers} containers, {blobs} blob names; {lines.Length} log lines; {answers.Count} answers"));
        Assert.True(entities > 0 && blobs >= 8 && lines.Length > 0, "The scan saw nothing: it would prove nothing.");
        Assert.True(findings.Count == 0, $"Resident IDs or phone numbers in clear at {findings.Count} places:\n{string.Join("\n", findings.Take(50))}");
    }

    [Theory]
    [InlineData("{0}", true)]
    [InlineData("member {0} here", true)]
    [InlineData("\"residentId\":\"{0}\"", true)]
    [InlineData("key-{0}-row", true)]
    [InlineData("{1}", false)] // the wrong check character
    [InlineData("9{0}", false)] // inside a longer number (a reverse-tick row key)
    [InlineData("{0}7", false)]
    [InlineData("01a20b55d0587c{0}", false)] // inside a random hex id
    [InlineData("{0}e4f", false)]
    public void The_scan_finds_valid_ids_in_clear_and_nothing_else(string format, bool found)
    {
        var id = TestIds.Adult();
        var wrongCheck = id[..17] + (id[17] == '0' ? '1' : '0');
        Assert.Equal(found, ClearResidentIds.In(string.Format(CultureInfo.InvariantCulture, format, id, wrongCheck)));
        Assert.Equal(found, ClearResidentIds.In(string.Format(CultureInfo.InvariantCulture, format, id.ToLowerInvariant(), wrongCheck)));
        if (found)
        {
            Assert.DoesNotContain(id, ClearResidentIds.Redact(string.Format(CultureInfo.InvariantCulture, format, id, wrongCheck)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "{mask}", "{iso}" }, 1)] // two columns
    [InlineData(new[] { "{mask}", "{compact}" }, 1)]
    [InlineData(new[] { "{\"memberIdMasked\":\"{mask}\",\"memberBirthDate\":\"{iso}\"}" }, 1)] // one JSON column
    [InlineData(new[] { "{mask}", "{iso}T08:00:00+00:00" }, 1)] // a timestamp on the birth date
    [InlineData(new[] { "{mask}", "2026-06-01" }, 0)] // another date
    [InlineData(new[] { "{mask}", "9{compact}7" }, 0)] // inside a longer number
    [InlineData(new[] { "{iso}" }, 0)] // a date alone
    [InlineData(new[] { "{mask}" }, 0)] // the mask alone
    public void The_scan_rebuilds_an_id_from_its_masked_form_and_its_birth_date_anywhere_beside_it(string[] columns, int rebuilt)
    {
        // Given an ID of the flow and the columns of one row
        var birthDate = new DateOnly(1986, 7, 21);
        var id = TestIds.Born(birthDate);
        var mask = id[..6] + "********" + id[14..];
        var row = columns.Select(c => c
            .Replace("{mask}", mask, StringComparison.Ordinal)
            .Replace("{iso}", birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{compact}", birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // When the scan pairs them, then the ID is rebuilt exactly when its mask and birth date are both there
        Assert.Equal(rebuilt, ClearResidentIds.Rebuilt(row, [id, TestIds.Adult()]));
    }

    [Theory]
    [InlineData("13912345678", true)]
    [InlineData("\"phone\":\"13912345678\"", true)]
    [InlineData("tel:13912345678.", true)]
    [InlineData("139****5678", false)] // masked
    [InlineData("913912345678", false)] // inside a longer number
    [InlineData("139123456780", false)]
    public void The_scan_finds_a_phone_number_of_the_flow_in_clear_and_not_its_masked_form(string text, bool found)
    {
        // Given a text, when the scan looks for the flow's phone, then it finds the whole number only
        Assert.Equal(found, ClearPhones.AnyOf(text, [InsuredPhone]));
    }

    private static bool Found(string? text, string[] flowIds) => ClearResidentIds.In(text) || ClearResidentIds.AnyOf(text, flowIds);

    /// <summary>Safe to print: valid IDs and the flow's (also invalid) IDs replaced.</summary>
    private static string Mask(string? text, string[] flowIds)
    {
        var masked = ClearPhones.Redact(ClearResidentIds.Redact(text), FlowPhones);
        foreach (var id in flowIds)
        {
            masked = masked.Replace(id, "[FLOW-ID]", StringComparison.OrdinalIgnoreCase);
        }

        return masked;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        byte[] bytes => Encoding.Latin1.GetString(bytes),
        BinaryData data => Encoding.Latin1.GetString(data.ToArray()),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string EndingInX()
    {
        while (true)
        {
            var id = TestIds.Adult();
            if (id[17] == 'X')
            {
                return id;
            }
        }
    }
}
