namespace FamilyAid.Functions.Hosting;

/// <summary>Log levels that hold wherever the app runs, appsettings.json or not (under the Functions host it may be
/// missing from the working directory); configuration still overrides them.</summary>
public static class LogDefaults
{
    /// <summary>The storage SDK (categories <c>Azure.Core</c>, <c>Azure.Storage.*</c>, <c>Azure.Data.Tables</c>…) writes
    /// every request's URL at Information, and table URLs carry keys (blind-index keys among them): Warning and up only.</summary>
    public static void Add(IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(options =>
            // First in the list: a rule from configuration for the same category comes later and wins.
            options.Rules.Insert(0, new LoggerFilterRule(null, "Azure", LogLevel.Warning, null)));
}
