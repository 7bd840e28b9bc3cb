namespace FamilyAid.Functions.Settings;

/// <summary>A required setting is missing or malformed; start-up stops with this one line.</summary>
public sealed class SettingsException(string message) : Exception(message);
