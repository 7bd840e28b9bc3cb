using System.Diagnostics;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Telemetry;
using FamilyAid.Functions.Tests.Settlements;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FamilyAid.Functions.Tests.Telemetry;

/// <summary>The FamilyAid meter counts what happens, and no metric or trace attribute carries a resident ID, a phone
/// number or a blind index, read through OpenTelemetry's in-memory exporter.</summary>
[Collection(AppCollection.Name)]
public sealed class BusinessMetricsTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_binding_a_settlement_and_a_refund_are_counted_and_no_attribute_names_a_person()
    {
        // Given the business meter and the ASP.NET Core traces exported to memory
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(BusinessMetrics.MeterName).AddInMemoryExporter(metrics).Build();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddAspNetCoreInstrumentation().AddInMemoryExporter(spans).Build();

        // When a member is bound (created, decided, activated), settles a bill that is then refunded, and a bill is refused
        var authorizer = await Api.Insured(app, personalAccountFen: 5_000);
        var member = await Api.Insured(app, personalAccountFen: 3_000);
        await Money.BindGuangdong(app, authorizer, member);
        var hospital = Money.Institution(app, Money.NewInstitution());
        var split = await Money.Pay(hospital, await Money.Code(app, member), 1_000);
        await Api.Expect(await Money.Refund(hospital, split.Id), HttpStatusCode.OK);
        await Api.Expect(await Money.Settle(hospital, "not-a-code", 1_000), HttpStatusCode.UnprocessableEntity);
        meters.ForceFlush();
        tracer.ForceFlush();

        // Then the meter counted a created and an approved request, a completed settlement, a refund and a refusal
        var points = metrics.SelectMany(m => Points(m).Select(p => (m.Name, Tags: Tags(p)))).ToList();
        Assert.Contains(points, p => p.Name == "familyaid.binding_requests.created");
        Assert.Contains(points, p => p.Name == "familyaid.binding_requests.decided" && p.Tags.Contains(("outcome", "approved")));
        Assert.Contains(points, p => p.Name == "familyaid.settlements" && p.Tags.Contains(("outcome", "completed")));
        Assert.Contains(points, p => p.Name == "familyaid.settlements" && p.Tags.Contains(("outcome", "invalid-payment-code")));
        Assert.Contains(points, p => p.Name == "familyaid.refunds" && p.Tags.Contains(("outcome", "completed")));

        // And no metric tag nor span attribute holds either person's resident ID, phone or blind index
        var protector = app.Services.GetRequiredService<ResidentIdProtector>();
        var secrets = new[] { authorizer, member }.SelectMany(p =>
        {
            Assert.True(ResidentId.TryParse(p.ResidentId, out var id));
            return new[] { p.ResidentId, p.Phone, protector.BlindIndex(id) };
        }).ToList();
        var values = points.SelectMany(p => p.Tags.Select(t => t.Value))
            .Concat(spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "")).Concat(spans.Select(s => s.DisplayName)))
            .ToList();
        Assert.NotEmpty(spans);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var list = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            list.Add(point);
        }

        return list;
    }

    private static List<(string Key, string Value)> Tags(MetricPoint point)
    {
        var list = new List<(string, string)>();
        foreach (var tag in point.Tags)
        {
            list.Add((tag.Key, tag.Value?.ToString() ?? ""));
        }

        return list;
    }
}
