namespace FamilyAid.Domain.Identity;

/// <summary>Names as shown to people other than their owner.</summary>
public static class PersonName
{
    /// <summary>The first character and a star for each other one (张三 → 张*), as Chinese apps show relatives' names.</summary>
    public static string Mask(string name)
    {
        var runes = name.Trim().EnumerateRunes().ToList();
        return runes.Count <= 1 ? "*" : runes[0] + new string('*', runes.Count - 1);
    }
}
