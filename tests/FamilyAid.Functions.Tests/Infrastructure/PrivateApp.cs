namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>An app with tables, queues and container of its own (a random <c>Storage:Prefix</c>): for tests that move
/// its clock or sweep whole tables, so that they neither see nor disturb the shared app's data.</summary>
public class PrivateApp : FamilyAidApp
{
    public string Prefix { get; } = "t" + string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))));

    protected override void Adjust(Dictionary<string, string?> settings) => settings["Storage:Prefix"] = Prefix;
}
