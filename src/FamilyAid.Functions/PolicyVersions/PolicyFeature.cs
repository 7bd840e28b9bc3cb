namespace FamilyAid.Functions.PolicyVersions;

/// <summary>The region policy versions: read from the policy files at start (App.AddSettings), and shown to anyone.</summary>
public static class PolicyFeature
{
    /// <summary>Maps the feature's routes under /api.</summary>
    public static void Map(IEndpointRouteBuilder api) => GetPolicy.Map(api);
}
