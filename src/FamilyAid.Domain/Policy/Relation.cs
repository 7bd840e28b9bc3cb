namespace FamilyAid.Domain.Policy;

/// <summary>How the member is related to the authorizer (the member is the authorizer's …).</summary>
public enum Relation
{
    /// <summary>配偶.</summary>
    Spouse,

    /// <summary>父母.</summary>
    Parent,

    /// <summary>子女.</summary>
    Child,

    /// <summary>兄弟姐妹.</summary>
    Sibling,

    /// <summary>祖父母.</summary>
    Grandparent,

    /// <summary>外祖父母.</summary>
    MaternalGrandparent,

    /// <summary>孙子女.</summary>
    Grandchild,

    /// <summary>外孙子女.</summary>
    MaternalGrandchild,
}
