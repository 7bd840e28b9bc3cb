using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary>A person of the request as the reviewer sees them: name, masked resident ID and age (周岁) today in China.</summary>
/// <remarks>The age, not the birth date: beside the masked ID the date would give the whole ID back. Null members: the
/// insured record is gone (the platform removed it).</remarks>
public sealed record ReviewPersonView(string? Name, string? ResidentIdMasked, int? Age);

/// <summary>Both people of the request, for checking them against the documents.</summary>
public sealed record ReviewPeopleView(ReviewPersonView Authorizer, ReviewPersonView Member);

/// <summary>Reads both people's insured records (two point reads).</summary>
public static class ReviewPeople
{
    /// <summary>The people of <paramref name="state"/> on the China date of <paramref name="now"/>.</summary>
    public static async Task<ReviewPeopleView> Of(InsuredStore insured, BindingState state, DateTimeOffset now, CancellationToken ct)
    {
        var today = Age.ChinaDate(now);
        var people = await Task.WhenAll(insured.Get(state.AuthorizerId, ct), insured.Get(state.MemberId, ct));
        return new(View(people[0], today), View(people[1], today) with { Name = people[1]?.Person.Name ?? state.MemberName, ResidentIdMasked = state.MemberIdMasked });
    }

    /// <summary>One person as a reviewer sees them on <paramref name="today"/> (a China date); all null when the record is gone.</summary>
    public static ReviewPersonView View(InsuredRecord? record, DateOnly today) =>
        record is null
            ? new(null, null, null)
            : new(record.Person.Name, record.ResidentIdMasked, Age.InYears(record.Person.BirthDate, today));
}
