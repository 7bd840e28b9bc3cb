namespace FamilyAid.Domain.Tests.TestData;

/// <summary>
/// Builds a <see cref="RequestBinding"/> and its <see cref="IntakeFacts"/>. Unless told otherwise it is a request that
/// every rule accepts: a guangdong sharing request by an employee-insured authorizer for their insured child, with no
/// groups and no open requests.
/// </summary>
public sealed class RequestBuilder
{
    private readonly List<ActiveRelationship> authorizerRelationships = [];
    private readonly List<ActiveRelationship> memberRelationships = [];
    private readonly List<OpenRequest> openRequests = [];
    private string bindingId = "binding-1";
    private BindingKind kind = BindingKind.Sharing;
    private RegionPolicy policy = RegionPolicy.Guangdong;
    private Relation relation = Relation.Child;
    private InsuredPerson? authorizer = TestPeople.Authorizer();

    // The default authorizer is insured in the request's region, as the rules require; one given explicitly is kept as it is.
    private bool authorizerGiven;
    private InsuredPerson? member = TestPeople.Member();
    private string? typedName;
    private bool commitmentConfirmed;
    private BirthCertificateProof? birthCertificate;

    /// <summary>A birth certificate number as the edge passes it on: masked, and sealed under key <c>k1</c>.</summary>
    public static readonly BirthCertificateProof BirthCertificateProof = new("O*******56", "k1", "c2VhbGVkIGJ5IHRoZSBlZGdl");

    /// <summary>A sharing request in <paramref name="policy"/> (guangdong when omitted).</summary>
    public static RequestBuilder Sharing(RegionPolicy? policy = null) => new() { policy = policy ?? RegionPolicy.Guangdong };

    /// <summary>A proxy request in <paramref name="policy"/> (guangdong when omitted).</summary>
    public static RequestBuilder Proxy(RegionPolicy? policy = null) =>
        new() { kind = BindingKind.Proxy, policy = policy ?? RegionPolicy.Guangdong };

    /// <summary>Of this kind.</summary>
    public static RequestBuilder Of(BindingKind kind, RegionPolicy policy) => new() { kind = kind, policy = policy };

    public RequestBuilder WithId(string id)
    {
        bindingId = id;
        return this;
    }

    public RequestBuilder In(RegionPolicy regionPolicy)
    {
        policy = regionPolicy;
        return this;
    }

    public RequestBuilder For(Relation memberRelation)
    {
        relation = memberRelation;
        return this;
    }

    public RequestBuilder WithAuthorizer(InsuredPerson? person)
    {
        authorizer = person;
        authorizerGiven = true;
        return this;
    }

    public RequestBuilder WithMember(InsuredPerson? person)
    {
        member = person;
        return this;
    }

    public RequestBuilder WithMemberBornOn(DateOnly birthDate)
    {
        member = (member ?? TestPeople.Member()) with { BirthDate = birthDate };
        return this;
    }

    /// <summary>The member's name as the authorizer typed it.</summary>
    public RequestBuilder TypingName(string name)
    {
        typedName = name;
        return this;
    }

    public RequestBuilder WithCommitmentConfirmed(bool confirmed = true)
    {
        commitmentConfirmed = confirmed;
        return this;
    }

    /// <summary>A newborn's birth certificate number given instead of the 户口本 pages (<see cref="BirthCertificateProof"/> when omitted).</summary>
    public RequestBuilder WithBirthCertificate(BirthCertificateProof? proof = null)
    {
        birthCertificate = proof ?? BirthCertificateProof;
        return this;
    }

    /// <summary>An active relationship in which the authorizer takes part.</summary>
    public RequestBuilder AuthorizerIn(string authorizerId, string memberId, BindingKind relationshipKind = BindingKind.Sharing)
    {
        authorizerRelationships.Add(new ActiveRelationship(authorizerId, memberId, relationshipKind));
        return this;
    }

    /// <summary>An active relationship in which the member takes part.</summary>
    public RequestBuilder MemberIn(string authorizerId, string memberId, BindingKind relationshipKind = BindingKind.Sharing)
    {
        memberRelationships.Add(new ActiveRelationship(authorizerId, memberId, relationshipKind));
        return this;
    }

    /// <summary>The same active relationship, as loaded for both people (the pair is bound already).</summary>
    public RequestBuilder PairAlreadyBound(BindingKind relationshipKind)
    {
        var relationship = new ActiveRelationship(TestPeople.AuthorizerId, TestPeople.MemberId, relationshipKind);
        authorizerRelationships.Add(relationship);
        memberRelationships.Add(relationship);
        return this;
    }

    /// <summary>An open (not final) request of the authorizer.</summary>
    public RequestBuilder WithOpenRequest(string memberId, BindingKind requestKind)
    {
        openRequests.Add(new OpenRequest(memberId, requestKind));
        return this;
    }

    /// <summary>The member's birth date, which the edge passes again at submission.</summary>
    public DateOnly MemberBirthDate => member?.BirthDate ?? TestPeople.SixteenOn20260510;

    public IntakeFacts Facts() =>
        new(authorizerGiven ? authorizer : authorizer! with { Region = policy.Region }, member, [.. authorizerRelationships], [.. memberRelationships], [.. openRequests]);

    public RequestBinding Build() => new(
        bindingId,
        authorizer?.Id ?? TestPeople.AuthorizerId,
        kind,
        policy,
        relation,
        typedName ?? member?.Name ?? "王五",
        TestIds.Born(member?.BirthDate ?? TestPeople.SixteenOn20260510).Masked,
        commitmentConfirmed,
        Facts()) { BirthCertificate = birthCertificate };
}
