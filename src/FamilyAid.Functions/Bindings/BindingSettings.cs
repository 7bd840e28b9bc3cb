using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Bindings;

/// <summary>How long a binding waits at each step, counted on the working calendar.</summary>
public sealed record BindingSettings(BindingTimeouts Timeouts, WorkingCalendar Calendar)
{
    /// <summary>Reads and checks the <c>Bindings</c> settings.</summary>
    public static BindingSettings Read(IConfiguration config) => new(
        new BindingTimeouts(
            TimeSpan.FromDays(SettingsReader.Positive(config, "Bindings:DocumentsDays", 7)),
            TimeSpan.FromDays(SettingsReader.Positive(config, "Bindings:FaceCheckDays", 3)),
            (int)SettingsReader.Positive(config, "Bindings:ReviewWorkingDays", 1),
            (int)SettingsReader.Positive(config, "Bindings:ReviewExpiryWorkingDays", 10)),
        new WorkingCalendar(SettingsReader.Dates(config, "Bindings:Holidays"), SettingsReader.Dates(config, "Bindings:WorkingWeekends")));
}
