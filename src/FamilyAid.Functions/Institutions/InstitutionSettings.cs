using FamilyAid.Functions.Settings;

namespace FamilyAid.Functions.Institutions;

/// <summary>Settings of the institution registry.</summary>
/// <param name="RegistryCacheTime">How long an instance answers from the registry row it last read (issue 16: the read is
/// one storage request in every institution request). A change recorded on this instance is seen at once; one recorded on
/// another instance, within this time.</param>
public sealed record InstitutionSettings(TimeSpan RegistryCacheTime)
{
    /// <summary>Reads and checks the <c>Institutions</c> settings.</summary>
    public static InstitutionSettings Read(IConfiguration config) =>
        new(TimeSpan.FromSeconds(SettingsReader.Positive(config, "Institutions:RegistryCacheSeconds", 30)));
}
