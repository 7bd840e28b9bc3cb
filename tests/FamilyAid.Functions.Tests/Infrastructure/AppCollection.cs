namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>HTTP tests share one app (and its fake clock); tests that move the clock use their own.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<FamilyAidApp>
{
    public const string Name = "app";
}
