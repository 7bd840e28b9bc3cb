namespace FamilyAid.Domain.Policy;

/// <summary>How many family-sharing groups a person may belong to at a time.</summary>
public enum GroupLimit
{
    /// <summary>One group in all, whether as its authorizer or as a member.</summary>
    OnePerPerson,

    /// <summary>A person may create one group and also be a member of one other (甘肃).</summary>
    OneAsCreatorOneAsMember,
}
