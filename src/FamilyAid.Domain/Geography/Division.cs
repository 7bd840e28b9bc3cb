namespace FamilyAid.Domain.Geography;

/// <summary>A GB/T 2260 administrative division (行政区划) at city level: its six-digit code, name and province code.</summary>
public sealed record Division(string Code, string Name, string ProvinceCode);
