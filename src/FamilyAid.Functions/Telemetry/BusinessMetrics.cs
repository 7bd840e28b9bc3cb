using System.Diagnostics.Metrics;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Telemetry;

/// <summary>The business metrics, on one meter named <c>FamilyAid</c>. Every tag is a closed set of words (an outcome,
/// a function name, a problem code): never an id, a resident ID, a phone number or a blind index.</summary>
public static class BusinessMetrics
{
    /// <summary>The meter's name, which the exporter subscribes to.</summary>
    public const string MeterName = "FamilyAid";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RequestsCreated = Meter.CreateCounter<long>("familyaid.binding_requests.created", "{request}", "Binding requests created.");
    private static readonly Counter<long> RequestsDecided = Meter.CreateCounter<long>("familyaid.binding_requests.decided", "{request}", "Binding requests approved or rejected, by outcome.");
    private static readonly Counter<long> RequestsExpired = Meter.CreateCounter<long>("familyaid.binding_requests.expired", "{request}", "Binding requests that expired, by the step they expired in.");
    private static readonly Counter<long> SettlementCount = Meter.CreateCounter<long>("familyaid.settlements", "{settlement}", "Settlements by outcome.");
    private static readonly Counter<long> RefundCount = Meter.CreateCounter<long>("familyaid.refunds", "{refund}", "Refunds by outcome.");
    private static readonly Counter<long> TransferCount = Meter.CreateCounter<long>("familyaid.transfers", "{transfer}", "Transfers into a family pool by outcome.");
    private static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>("familyaid.queue.message_age", "s", "How long a queue message waited before its function ran, by function.");
    private static readonly Counter<long> Poisoned = Meter.CreateCounter<long>("familyaid.queue.poison_messages", "{message}", "Messages that failed every try and reached a poison queue, by function.");

    /// <summary>Counts what a committed binding command did: created, decided or expired requests.</summary>
    public static void Committed(IEnumerable<BindingEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case BindingRequested:
                    RequestsCreated.Add(1);
                    break;
                case BindingApproved:
                    RequestsDecided.Add(1, new KeyValuePair<string, object?>("outcome", "approved"));
                    break;
                case BindingRejected:
                    RequestsDecided.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
                    break;
                case BindingExpired expired:
                    RequestsExpired.Add(1, new KeyValuePair<string, object?>("step", expired.Step.ToString()));
                    break;
            }
        }
    }

    /// <summary>Counts a settlement, refund or transfer that has just reached its end.</summary>
    public static void Ended<T>(T movement)
        where T : IMovement<T>
    {
        switch (movement)
        {
            case Settlement { Status: SettlementStatus.Refunded }:
                RefundCount.Add(1, Outcome("completed"));
                break;
            case Settlement s:
                SettlementCount.Add(1, Outcome(s.Status.ToString().ToLowerInvariant()));
                break;
            case Transfer t:
                TransferCount.Add(1, Outcome(t.Status.ToString().ToLowerInvariant()));
                break;
        }
    }

    /// <summary>Counts a settlement refused before it began, by the problem's code; returns the problem.</summary>
    public static Http.Problem SettlementRefused(Http.Problem problem)
    {
        SettlementCount.Add(1, Outcome(problem.Code));
        return problem;
    }

    /// <summary>Records how long a message waited on its queue before <paramref name="function"/> ran.</summary>
    public static void Waited(string function, DateTimeOffset? insertedOn, DateTimeOffset now)
    {
        if (insertedOn is { } inserted)
        {
            QueueAge.Record(Math.Max(0, (now - inserted).TotalSeconds), new KeyValuePair<string, object?>("function", function));
        }
    }

    /// <summary>Counts a message that reached <paramref name="function"/>, a poison queue's function.</summary>
    public static void Poison(string function) => Poisoned.Add(1, new KeyValuePair<string, object?>("function", function));

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
