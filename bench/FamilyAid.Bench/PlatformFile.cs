using System.Globalization;
using System.Text.Json;
using FamilyAid.Domain.Identity;

namespace FamilyAid.Bench;

/// <summary>A realistic platform file (JSON Lines, docs/API.md "Platform sync"): people of guangdong and gansu with valid
/// GB 11643 resident IDs (real prefecture codes, plausible birth dates, the check character computed), mobile numbers,
/// mostly employee-insured, balances up to 5,000 yuan; and a share of bad lines of four kinds.</summary>
internal static class PlatformFile
{
    /// <summary><c>generate N FILE [--bad-percent P] [--seed S]</c>.</summary>
    public const string Usage = "usage: FamilyAid.Bench generate <count> <file.jsonl> [--bad-percent 3] [--seed 1]";

    private static readonly (string Region, string[] Areas)[] Regions =
    [
        ("guangdong", ["440103", "440104", "440106", "440304", "440305", "440604", "441302", "440402"]),
        ("gansu", ["620102", "620103", "620104", "620402", "620502", "620702"]),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "梁"];

    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "建国", "晓东"];

    /// <summary>A generated person (the first good line, for the README's walk-through).</summary>
    public sealed record Person(string ResidentId, string Name, string Phone, string InsuranceType, string Region, long BalanceFen);

    public static int Run(IReadOnlyList<string> args)
    {
        var bad = 3.0;
        var seed = 1;
        if (args.Count < 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || (args.Count >= 4 && args[2] == "--bad-percent" && !double.TryParse(args[3], NumberStyles.Float, CultureInfo.InvariantCulture, out bad))
            || (args.Count >= 6 && args[4] == "--seed" && !int.TryParse(args[5], NumberStyles.None, CultureInfo.InvariantCulture, out seed)))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var writer = new StreamWriter(args[1]);
        var (first, badLines) = Write(writer, count, bad / 100, seed);
        Console.WriteLine($"{count} lines written to {args[1]} ({badLines} bad). The first person: {JsonSerializer.Serialize(first, Web)}");
        return 0;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="count"/> lines, a share <paramref name="badShare"/> of them bad; the first good
    /// person and how many lines are bad.</summary>
    public static (Person First, int Bad) Write(TextWriter writer, int count, double badShare, int seed)
    {
        var random = new Random(seed);
        Person? first = null;
        var bad = 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var person = NewPerson(random, used);
            if (i > 0 && random.NextDouble() < badShare)
            {
                bad++;
                writer.Write(Spoil(Line(person), person, random.Next(4)));
            }
            else
            {
                first ??= person;
                writer.Write(Line(person));
            }

            writer.Write('\n');
        }

        return (first!, bad);
    }

    private static Person NewPerson(Random random, HashSet<string> used)
    {
        var (region, areas) = Regions[random.Next(100) < 70 ? 0 : 1];
        string id;
        do
        {
            var born = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 80));
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{areas[random.Next(areas.Length)]}{born:yyyyMMdd}{random.Next(0, 1000):D3}");
            id = first17 + ResidentId.CheckCharacterFor(first17);
        }
        while (!used.Add(id));

        var name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
        var phone = string.Create(CultureInfo.InvariantCulture, $"1{"3456789"[random.Next(7)]}{random.Next(0, 1_000_000_000):D9}");
        return new Person(id, name, phone, random.Next(100) < 75 ? "employee" : "resident", region, random.Next(0, 50_000) * 10L);
    }

    private static string Line(Person p) => JsonSerializer.Serialize(new
    {
        op = "upsert", residentId = p.ResidentId, name = p.Name, phone = p.Phone, insuranceType = p.InsuranceType, status = "normal",
        region = p.Region, accountBalanceFen = p.BalanceFen,
    }, Web);

    // Bad in the ways platform files go bad: a mistyped ID (check character), an unknown region, a cut-off line, a missing field.
    private static string Spoil(string line, Person p, int kind) => kind switch
    {
        0 => line.Replace(p.ResidentId, p.ResidentId[..17] + (p.ResidentId[17] == '0' ? '1' : '0'), StringComparison.Ordinal),
        1 => line.Replace($"\"{p.Region}\"", "\"atlantis\"", StringComparison.Ordinal),
        2 => line[..(line.Length / 2)],
        _ => line.Replace($",\"phone\":\"{p.Phone}\"", "", StringComparison.Ordinal),
    };
}
