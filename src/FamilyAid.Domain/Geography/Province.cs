using System.Collections.Frozen;

namespace FamilyAid.Domain.Geography;

/// <summary>A province-level pooling area (省级统筹区): its pinyin slug as the API spells regions, its GB/T 2260 code and name.</summary>
/// <remarks>The slug is what insured records, institutions and policies name; the two-digit code is what GB/T 2260
/// division codes start with, so a city code tells its province. 兵团 (the Xinjiang Production and Construction Corps)
/// pools on its own in medical insurance and takes the code 66 that the 医保 coding uses for it, although GB/T 2260
/// has no such province.</remarks>
public sealed record Province(string Slug, string Code, string Name)
{
    /// <summary>The 31 provinces and 兵团, in code order.</summary>
    public static readonly IReadOnlyList<Province> All =
    [
        new("beijing", "11", "北京市"), new("tianjin", "12", "天津市"), new("hebei", "13", "河北省"),
        new("shanxi", "14", "山西省"), new("neimenggu", "15", "内蒙古自治区"), new("liaoning", "21", "辽宁省"),
        new("jilin", "22", "吉林省"), new("heilongjiang", "23", "黑龙江省"), new("shanghai", "31", "上海市"),
        new("jiangsu", "32", "江苏省"), new("zhejiang", "33", "浙江省"), new("anhui", "34", "安徽省"),
        new("fujian", "35", "福建省"), new("jiangxi", "36", "江西省"), new("shandong", "37", "山东省"),
        new("henan", "41", "河南省"), new("hubei", "42", "湖北省"), new("hunan", "43", "湖南省"),
        new("guangdong", "44", "广东省"), new("guangxi", "45", "广西壮族自治区"), new("hainan", "46", "海南省"),
        new("chongqing", "50", "重庆市"), new("sichuan", "51", "四川省"), new("guizhou", "52", "贵州省"),
        new("yunnan", "53", "云南省"), new("xizang", "54", "西藏自治区"), new("shaanxi", "61", "陕西省"),
        new("gansu", "62", "甘肃省"), new("qinghai", "63", "青海省"), new("ningxia", "64", "宁夏回族自治区"),
        new("xinjiang", "65", "新疆维吾尔自治区"), new("bingtuan", "66", "新疆生产建设兵团"),
    ];

    private static readonly FrozenDictionary<string, Province> BySlug = All.ToFrozenDictionary(p => p.Slug, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, Province> ByCode = All.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);

    /// <summary>The province a slug names, or null.</summary>
    public static Province? ForSlug(string? slug) => slug is not null && BySlug.TryGetValue(slug, out var p) ? p : null;

    /// <summary>The province a two-digit code, or the first two digits of a six-digit division code, names; or null.</summary>
    public static Province? ForDivision(string? code) =>
        code is { Length: 2 or 6 } && ByCode.TryGetValue(code[..2], out var p) ? p : null;
}
