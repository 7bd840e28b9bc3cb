using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.RemoteRegistrations;

/// <summary>What took a registration out of review, for the reviewer who came second: who, what and when, as a binding's
/// <c>not-in-review</c> tells it.</summary>
public static class RemoteReviewOutcome
{
    private static readonly string[] Closing = ["approved", "rejected", "cancelled", "expired"];

    /// <summary>The refusal's problem; for <c>registration-not-open</c> with <c>currentStatus</c> and, when a step closed
    /// it, <c>decidedBy</c> (a reviewer's id, or <c>applicant</c> / <c>system</c>), <c>decision</c> (its timeline event)
    /// and <c>decidedAt</c>.</summary>
    public static Problem Refused(RegistrationRefusal refusal, RemoteRegistration? now, DateOnly today)
    {
        var problem = RemoteRegistrationProblems.For(refusal, RemoteRegistrationPolicy.Default);
        if (refusal != RegistrationRefusal.NotApplicable || now is null)
        {
            return problem;
        }

        var last = now.Timeline.LastOrDefault(s => Closing.Contains(s.Event));
        return problem with
        {
            Extensions = new Dictionary<string, object?>
            {
                ["currentStatus"] = Wire.Name(now.StatusOn(today)),
                ["decidedBy"] = last?.Event switch { "cancelled" => "applicant", "expired" => "system", null => null, _ => last.By },
                ["decision"] = last?.Event,
                ["decidedAt"] = last?.At,
            },
        };
    }
}
