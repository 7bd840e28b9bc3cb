using FamilyAid.Domain.Geography;
using FamilyAid.Domain.Institutions;
using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Domain.RemoteTreatment;
using FamilyAid.Domain.Tests.TestData;

namespace FamilyAid.Domain.Tests.RemoteTreatment;

public sealed class RemoteRegistrationTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 11, 24);
    private static readonly Destination Guangzhou = new("44", "440100");

    private static FileRegistration Filing(
        RemoteKind kind = RemoteKind.TemporaryOther, string start = "2026-11-24", string? end = null, ProofKind proof = ProofKind.Commitment,
        Destination? destination = null, ReferralNote? referral = null, string id = "r-1") =>
        new(id, "p-1", "gansu", "62", "p-1", kind, destination ?? Guangzhou, China.Date(start), end is null ? null : China.Date(end), proof, referral);

    private static RemoteRegistration Filed(FileRegistration filing, RemoteRegistrationPolicy? policy = null, params RemoteRegistration[] existing)
    {
        var (registration, refusal) = RegistrationRules.File(filing, existing, policy ?? RemoteRegistrationPolicy.Gansu, Now);
        Assert.Null(refusal);
        return registration!;
    }

    private static RegistrationRefusal? Refusal(FileRegistration filing, RemoteRegistrationPolicy? policy = null, params RemoteRegistration[] existing) =>
        RegistrationRules.File(filing, existing, policy ?? RemoteRegistrationPolicy.Gansu, Now).Refusal;

    [Theory]
    [InlineData(RemoteKind.ResettledRetiree)]
    [InlineData(RemoteKind.LongTermResidence)]
    [InlineData(RemoteKind.ResidentWorker)]
    public void A_long_term_kind_is_valid_until_cancelled_and_takes_no_end_date(RemoteKind kind)
    {
        // Given a long-term filing, when filed, then it has no last day, and an end date is refused
        var registration = Filed(Filing(kind));
        Assert.Null(registration.ValidUntil);
        Assert.True(registration.Covers(China.Date("2036-01-01"), China.Date("2036-01-01")));
        Assert.Equal(RegistrationRefusal.EndNotAllowed, Refusal(Filing(kind, end: "2027-12-31")));
    }

    [Theory]
    [InlineData(RemoteKind.Emergency)]
    [InlineData(RemoteKind.TemporaryOther)]
    public void A_temporary_kind_is_valid_six_months_from_its_start_or_to_a_later_end_date(RemoteKind kind)
    {
        // Given temporary filings without an end date and with a later one
        var sixMonths = Filed(Filing(kind, start: "2026-11-20"));
        var longer = Filed(Filing(kind, start: "2026-11-20", end: "2027-08-01"));

        // Then the first is valid to 2027-05-20, the second to its end date; an earlier end date is refused
        Assert.Equal(China.Date("2027-05-20"), sixMonths.ValidUntil);
        Assert.Equal(China.Date("2027-08-01"), longer.ValidUntil);
        Assert.Equal(RegistrationRefusal.EndTooEarly, Refusal(Filing(kind, start: "2026-11-20", end: "2027-05-19")));
    }

    [Fact]
    public void A_referral_needs_its_referral_note_and_no_other_kind_takes_one()
    {
        var note = new ReferralNote("ZZ-2026-001", "兰州大学第一医院");
        Assert.Equal(RegistrationRefusal.ReferralRequired, Refusal(Filing(RemoteKind.Referral)));
        Assert.Equal(RegistrationRefusal.ReferralNotExpected, Refusal(Filing(RemoteKind.TemporaryOther, referral: note)));
        Assert.Equal(note, Filed(Filing(RemoteKind.Referral, referral: note)).Referral);
    }

    [Theory]
    [InlineData("2026-10-25", null)]
    [InlineData("2026-10-24", RegistrationRefusal.StartTooEarly)]
    [InlineData("2027-05-23", null)]
    [InlineData("2027-05-24", RegistrationRefusal.StartTooLate)]
    public void Back_filing_reaches_30_days_back_and_filing_ahead_180_days(string start, RegistrationRefusal? expected)
    {
        // Given today 2026-11-24 and gansu's limits (30 days back for 补办, 180 ahead), then a start date within them is filed
        Assert.Equal(expected, Refusal(Filing(start: start)));
    }

    [Fact]
    public void A_back_filed_registration_covers_the_stay_it_was_filed_for()
    {
        // Given a stay that began 20 days ago, when it is filed with that start date, then it covers the days of the stay
        var registration = Filed(Filing(start: "2026-11-04"));
        Assert.True(registration.Covers(China.Date("2026-11-04"), China.Date("2026-11-24")));
        Assert.False(registration.Covers(China.Date("2026-11-03"), China.Date("2026-11-24")));
    }

    [Theory]
    [InlineData("62", "620100")]
    [InlineData("44", "999999")]
    [InlineData("44", "620100")]
    public void The_destination_is_a_known_city_of_its_province_and_not_the_home_province(string province, string city)
    {
        var refusal = Refusal(Filing(destination: new Destination(province, city)));
        Assert.Equal(province == "62" ? RegistrationRefusal.DestinationIsHome : RegistrationRefusal.UnknownDivision, refusal);
    }

    [Fact]
    public void Commitment_is_active_at_once_where_the_region_accepts_it_and_anything_else_waits_for_review()
    {
        Assert.Equal(RegistrationStatus.Active, Filed(Filing()).Status);
        Assert.Equal(RegistrationStatus.InReview, Filed(Filing(proof: ProofKind.Documents)).Status);
        Assert.Equal(RegistrationStatus.InReview, Filed(Filing(), RemoteRegistrationPolicy.Guangdong).Status);
        Assert.Equal(10, RemoteRegistrationPolicy.Guangdong.TemporaryRatioReductionPoints);
        Assert.Equal(30, RemoteRegistrationPolicy.For("hainan").BackFilingDays);
    }

    [Fact]
    public void Two_registrations_holding_the_same_days_overlap_and_a_cancelled_or_expired_one_holds_none()
    {
        // Given an active temporary registration 2026-11-01 … 2027-05-01
        var first = Filed(Filing(start: "2026-11-01"));

        // Then one starting within it, or a long-term one starting later, overlaps; one starting after it does not
        Assert.Equal(RegistrationRefusal.Overlapping, Refusal(Filing(start: "2027-05-01", id: "r-2"), null, first));
        Assert.Equal(RegistrationRefusal.Overlapping, Refusal(Filing(RemoteKind.LongTermResidence, start: "2027-01-01", id: "r-2"), null, first));
        Assert.Null(Refusal(Filing(start: "2027-05-02", id: "r-2"), null, first));

        // And an in-review one holds its days too, a cancelled one none
        var inReview = Filed(Filing(proof: ProofKind.Documents));
        Assert.Equal(RegistrationRefusal.Overlapping, Refusal(Filing(id: "r-2"), null, inReview));
        var cancelled = RegistrationRules.Cancel(first, "p-1", Now).Registration!;
        Assert.Null(Refusal(Filing(id: "r-2"), null, cancelled));
    }

    [Fact]
    public void Review_decides_only_what_is_in_review_and_cancel_only_what_holds_time()
    {
        // Given one in review, when approved, then it is active with the step on its timeline
        var inReview = Filed(Filing(proof: ProofKind.Documents));
        var approved = RegistrationRules.Decide(inReview, approve: true, "rev-1", "居住证明 ok", Now).Registration!;
        Assert.Equal(RegistrationStatus.Active, approved.Status);
        Assert.Equal(["filed-for-review", "approved"], approved.Timeline.Select(s => s.Event));

        // And deciding it again, or cancelling twice, is not applicable
        Assert.Equal(RegistrationRefusal.NotApplicable, RegistrationRules.Decide(approved, false, "rev-1", null, Now).Refusal);
        var cancelled = RegistrationRules.Cancel(approved, "p-1", Now).Registration!;
        Assert.Equal(RegistrationRefusal.NotApplicable, RegistrationRules.Cancel(cancelled, "p-1", Now).Refusal);
        Assert.Equal(RegistrationStatus.Rejected, RegistrationRules.Decide(inReview, false, "rev-1", "no proof", Now).Registration!.Status);
    }

    [Fact]
    public void A_temporary_registration_expires_after_its_last_day_and_a_long_term_one_never()
    {
        // Given a temporary and a long-term registration, both active
        var temporary = Filed(Filing());
        var longTerm = Filed(Filing(RemoteKind.ResidentWorker, id: "r-2"));
        var dayAfter = China.At(2027, 5, 25);

        // Then on its last day the temporary one is active, the day after expired (computed, and recorded by Expire)
        Assert.Equal(RegistrationStatus.Active, temporary.StatusOn(China.Date("2027-05-24")));
        Assert.Equal(RegistrationStatus.Expired, temporary.StatusOn(China.Date("2027-05-25")));
        Assert.Null(RegistrationRules.Expire(temporary, China.At(2027, 5, 24, 23, 59)));
        Assert.Equal("expired", RegistrationRules.Expire(temporary, dayAfter)!.Timeline[^1].Event);
        Assert.Null(RegistrationRules.Expire(longTerm, dayAfter));
    }

    [Theory]
    [InlineData("gansu", "outpatient", true)]
    [InlineData("gansu", "emergency", false)]
    [InlineData("guangdong", "outpatient", false)]
    [InlineData("national", "outpatient", false)]
    public void Only_a_non_emergency_bill_in_another_province_than_the_payers_needs_a_registration(string region, string category, bool needed)
    {
        // Given a guangdong pharmacy and a payer of region
        var institution = new Institution("i-1", "药店", InstitutionKind.Hospital, "guangdong", "440100", true, China.Date("2026-01-01"), null);
        var payer = new InsuredPerson("p-1", "测试", China.Date("1960-01-01"), InsuranceType.Employee, InsuranceStatus.Normal, region);
        var bill = Enum.Parse<SpendingCategory>(category, ignoreCase: true);

        Assert.Equal(needed, SettlementVenue.NeedsRegistration(institution, payer, bill));
        Assert.Equal("guangdong", Province.ForDivision(institution.CityCode)!.Slug);
    }

    [Fact]
    public void A_registration_in_review_is_due_a_working_day_after_filing_and_not_once_decided()
    {
        // Given a guangdong filing by documents on a Friday morning (guangdong reviews every filing)
        var friday = China.At(2026, 11, 27, 10);
        var (registration, _) = RegistrationRules.File(Filing(proof: ProofKind.Documents, start: "2026-11-27"), [], RemoteRegistrationPolicy.Guangdong, friday);

        // When its promise is read in review, and again after a reviewer approved it
        var due = RegistrationRules.ReviewDueAt(registration!, WorkingCalendar.WeekendsOnly, 1, friday.AddHours(1));
        var (approved, _) = RegistrationRules.Decide(registration!, approve: true, "reviewer-1", null, friday.AddHours(2));

        // Then it is due on Monday at the same hour, and a decided one is due at no time
        Assert.Equal(China.At(2026, 11, 30, 10), due);
        Assert.Null(RegistrationRules.ReviewDueAt(approved!, WorkingCalendar.WeekendsOnly, 1, friday.AddHours(3)));
    }
}
