namespace FamilyAid.Domain.Tests.TestData;

/// <summary>Insured people for intake facts. Records: vary them with <c>with { … }</c>.</summary>
public static class TestPeople
{
    public const string AuthorizerId = "person-authorizer";
    public const string MemberId = "person-member";
    public const string OtherId = "person-other";
    public const string AnotherId = "person-another";

    /// <summary>The member's default birth date: they turn 16 on 2026-05-10.</summary>
    public static readonly DateOnly SixteenOn20260510 = new(2010, 5, 10);

    /// <summary>An employee-insured authorizer, status normal: may authorize sharing.</summary>
    public static InsuredPerson Authorizer(
        InsuranceType type = InsuranceType.Employee, InsuranceStatus status = InsuranceStatus.Normal) =>
        new(AuthorizerId, "张伟", new DateOnly(1978, 3, 14), type, status, "guangdong");

    /// <summary>A resident-insured member, status normal, born 2010-05-10 unless told.</summary>
    public static InsuredPerson Member(
        DateOnly? birthDate = null,
        InsuranceType type = InsuranceType.Resident,
        InsuranceStatus status = InsuranceStatus.Normal) =>
        new(MemberId, "张小雨", birthDate ?? SixteenOn20260510, type, status, "guangdong");
}
