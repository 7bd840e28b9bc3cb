using System.Text.Json.Nodes;
using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Institutions;
using FamilyAid.Functions.Institutions;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.PaymentCodes;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>Records the institution an institution token names as a designated hospital before the token's requests, so
/// that tests written before institutions were recorded (made-up ids such as <c>hospital-1</c>) keep settling. It stands
/// in the province of the payer of the client's first settlement (so those tests meet no 异地 rule), else in guangdong. An
/// institution a test records itself (under any other name) is left as the test recorded it.</summary>
public sealed class AutoInstitution(FamilyAidApp app, string institutionId) : DelegatingHandler
{
    /// <summary>The name of an institution recorded by this handler.</summary>
    public const string Name = "自动登记的测试医院";

    // Once per client: the first request records the institution, the others wait for it (200 settlements sent at once
    // must not each read the payer and the registry).
    private readonly SemaphoreSlim first = new(1, 1);
    private volatile bool recorded;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!recorded)
        {
            await first.WaitAsync(cancellationToken);
            try
            {
                if (!recorded)
                {
                    await Record(await PayerProvince(request, cancellationToken), cancellationToken);
                    recorded = true;
                }
            }
            finally
            {
                first.Release();
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task Record(string? region, CancellationToken ct)
    {
        var store = app.Services.GetRequiredService<InstitutionStore>();
        var known = await store.Get(institutionId, ct);
        region ??= known?.Region ?? "guangdong";
        if (known is null || (known.Name == Name && known.Region != region))
        {
            var city = Divisions.All.First(d => d.ProvinceCode == Province.ForSlug(region)!.Code).Code;
            await store.Put(new Institution(institutionId, Name, InstitutionKind.Hospital, region, city, true, new DateOnly(2000, 1, 1), null), ct);
        }
    }

    // The province of the person whose payment code a settlement request carries (guangdong for a "national" one).
    private async Task<string?> PayerProvince(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/api/settlements" || request.Content is null)
        {
            return null;
        }

        string? code;
        try
        {
            code = JsonNode.Parse(await request.Content.ReadAsStringAsync(ct))?["paymentCode"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }

        if (app.Services.GetRequiredService<PaymentCodeSigner>().Open(code) is not { } grant
            || await app.Services.GetRequiredService<InsuredStore>().Get(grant.PersonId, ct) is not { } payer)
        {
            return null;
        }

        return Province.ForSlug(payer.Person.Region)?.Slug ?? "guangdong";
    }
}
