namespace FamilyAid.Domain.Tests.Bindings;

public class RecordDocumentTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    public static TheoryData<DocumentType> AllTypes() => [.. Enum.GetValues<DocumentType>()];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void A_required_document_is_recorded(DocumentType type)
    {
        // Given a guangdong sharing request awaiting documents
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);
        var document = Given.Document(type, Now.AddMinutes(5));

        // When a document it requires is recorded
        var decision = Given.Decider.Decide(state, new RecordDocument(type, document), Now.AddMinutes(5));

        // Then one event points at it, and the request no longer misses it
        var recorded = Assert.IsType<DocumentRecorded>(Assert.Single(decision.Events));
        Assert.Equal(new DocumentRecorded(Now.AddMinutes(5), type, document), recorded);
        Assert.Equal("document-uploaded", recorded.Name);
        var after = BindingDecider.Evolve(state, recorded);
        Assert.Same(document, after.Documents[type]);
        Assert.DoesNotContain(type, after.MissingDocuments());
        Assert.Equal(6, after.MissingDocuments().Length);
        Assert.Equal(BindingStatus.AwaitingDocuments, after.Status);
    }

    [Fact]
    public void A_later_upload_of_the_same_type_replaces_the_earlier()
    {
        // Given a request with the member's ID front uploaded once
        var first = Given.Document(DocumentType.MemberIdFront, Now, "a");
        var second = Given.Document(DocumentType.MemberIdFront, Now.AddHours(1), "b");
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.National), Now);
        state = BindingDecider.Evolve(state, Given.Decider.Decide(state, new RecordDocument(DocumentType.MemberIdFront, first), Now).Events[0]);

        // When it is uploaded again
        var decision = Given.Decider.Decide(state, new RecordDocument(DocumentType.MemberIdFront, second), Now.AddHours(1));
        var after = BindingDecider.Evolve(state, Assert.Single(decision.Events));

        // Then the later one is kept
        Assert.Single(after.Documents);
        Assert.Same(second, after.Documents[DocumentType.MemberIdFront]);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Gansu_takes_no_documents(DocumentType type)
    {
        // Given a gansu sharing request (commitment confirmed in-app, nothing to upload)
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed(), Now);

        // When any document is recorded
        var decision = Given.Decider.Decide(state, new RecordDocument(type, Given.Document(type, Now)), Now);

        // Then it is refused as not required
        Assert.Equal(BindingRefusal.DocumentNotRequired, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(DocumentType.MemberIdFront)]
    [InlineData(DocumentType.CommitmentLetter)]
    public void A_proxy_takes_no_documents(DocumentType type)
    {
        var state = Given.Requested(RequestBuilder.Proxy(RegionPolicy.Guangdong), Now);

        var decision = Given.Decider.Decide(state, new RecordDocument(type, Given.Document(type, Now)), Now);

        Assert.Equal(BindingRefusal.DocumentNotRequired, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong", "submitted")] // in review
    [InlineData("guangdong", "cancelled")]
    [InlineData("guangdong-proxy", "submitted")] // awaiting face check
    [InlineData("guangdong-proxy-child", "submitted")] // approved
    public void Documents_are_locked_once_the_request_has_left_awaiting_documents(string request, string then)
    {
        // Given a request that has been submitted or cancelled
        var builder = request switch
        {
            "guangdong" => RequestBuilder.Sharing(RegionPolicy.Guangdong),
            "guangdong-proxy" => RequestBuilder.Proxy(RegionPolicy.Guangdong),
            _ => RequestBuilder.Proxy(RegionPolicy.Guangdong).WithMemberBornOn(new DateOnly(2015, 1, 1)),
        };
        var state = Given.Requested(builder, Now).WithAllDocuments(Now);
        state = then == "submitted" ? state.Submitted(Now.AddHours(1), builder.MemberBirthDate) : state.Cancelled(Now.AddHours(1));
        Assert.NotEqual(BindingStatus.AwaitingDocuments, state.Status);

        // When a document is recorded, even one the region requires
        var type = DocumentType.MemberIdFront;
        var decision = Given.Decider.Decide(state, new RecordDocument(type, Given.Document(type, Now)), Now.AddHours(2));

        // Then it is refused
        Assert.Equal(BindingRefusal.DocumentsLocked, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong", false, DocumentType.HukouMember, null)]
    [InlineData("guangdong", true, DocumentType.HukouMember, BindingRefusal.DocumentsLocked)]
    [InlineData("gansu", false, DocumentType.CommitmentLetter, BindingRefusal.DocumentNotRequired)]
    [InlineData("gansu", true, DocumentType.CommitmentLetter, BindingRefusal.DocumentsLocked)]
    public void RefuseDocument_answers_before_the_upload_as_the_decider_would_after_it(
        string region, bool submitted, DocumentType type, BindingRefusal? expected)
    {
        // Given a request awaiting documents, or one submitted already
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.For(region)).WithCommitmentConfirmed(), Now).WithAllDocumentsBut(type, Now);
        if (submitted)
        {
            state = state.WithAllDocuments(Now).Submitted(Now);
        }

        // When asked whether a document of this type may be recorded, and when it is recorded
        var early = BindingDecider.RefuseDocument(state, type);
        var decision = Given.Decider.Decide(state, new RecordDocument(type, Given.Document(type, Now)), Now);

        // Then both give the same answer
        Assert.Equal(expected, early);
        Assert.Equal(expected, decision.Refusal);
    }
}
