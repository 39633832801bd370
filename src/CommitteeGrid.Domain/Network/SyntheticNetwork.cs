using System.Globalization;
using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Domain.Network;

/// <summary>
/// Generates synthetic committee networks of any size up to national scale, for load tests and benchmarks,
/// and invents the members of the demo seed (seeds/demo-network.json). Everything comes from one seeded
/// <see cref="Random"/>, so the same options give the same network, member for member.
/// </summary>
public static class SyntheticNetwork
{
    public const string RootCode = "CN";

    /// <summary>The special committees (专委会) of a local committee, as in 襄州区; committee-level groups pair with them.</summary>
    public static IReadOnlyList<string> SpecialCommittees { get; } =
        ["提案委员会", "经济技术委员会", "教文体卫委员会", "社会法制民族宗教委员会", "文史学习委员会", "港澳台侨外事委员会", "委员工作委员会"];

    /// <summary>The special committees of the national committee.</summary>
    public static IReadOnlyList<string> NationalSpecialCommittees { get; } =
        ["提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会", "教科卫体委员会",
            "社会和法制委员会", "民族和宗教委员会", "港澳台侨委员会", "外事委员会", "文化文史和学习委员会"];

    // 界别 with rough weights for a local committee, and the party its members come from: a party's own
    // sector is that party; 工商联 mostly 工商联; every other sector draws from the general mix.
    private static readonly (string Sector, int Weight, string? Party)[] SectorTable =
    [
        ("中国共产党", 20, "中共"), ("民革", 4, "民革"), ("民盟", 6, "民盟"), ("民建", 6, "民建"), ("民进", 6, "民进"),
        ("农工党", 4, "农工党"), ("致公党", 1, "致公党"), ("九三学社", 4, "九三学社"), ("台盟", 1, "台盟"),
        ("无党派人士", 8, "无党派人士"), ("共青团", 4, null), ("总工会", 4, null), ("妇联", 6, null), ("青联", 4, null),
        ("工商联", 8, null), ("科协", 4, null), ("台联", 2, null), ("侨联", 2, null), ("经济界", 24, null),
        ("农业界", 18, null), ("教育界", 16, null), ("科学技术界", 8, null), ("社会科学界", 4, null),
        ("医药卫生界", 14, null), ("文化艺术界", 8, null), ("体育界", 2, null), ("新闻出版界", 4, null),
        ("社会福利和社会保障界", 6, null), ("少数民族界", 2, null), ("宗教界", 2, null), ("环境资源界", 2, null),
        ("对外友好界", 2, null), ("特邀人士", 10, null),
    ];

    private static readonly Weighted<string> SectorPick = new(SectorTable.Select(s => (s.Sector, s.Weight)));

    private static readonly Dictionary<string, Weighted<string>> PartyPick = BuildPartyPick();

    private static readonly Weighted<string> SurnamePick = new(
    [
        ("王", 72), ("李", 72), ("张", 69), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 23), ("赵", 20), ("吴", 20),
        ("周", 19), ("徐", 13), ("孙", 12), ("马", 12), ("朱", 11), ("胡", 10), ("郭", 10), ("何", 9), ("林", 9),
        ("高", 9), ("罗", 9), ("郑", 8), ("梁", 7), ("谢", 6), ("宋", 5), ("唐", 5), ("许", 5), ("韩", 5), ("邓", 5),
        ("冯", 5), ("曹", 5), ("彭", 5), ("曾", 4), ("肖", 4), ("田", 4), ("董", 4), ("潘", 4), ("袁", 4), ("蔡", 4),
        ("蒋", 4), ("余", 4), ("于", 4), ("杜", 4), ("叶", 4), ("程", 4), ("魏", 3), ("苏", 3), ("吕", 3), ("丁", 3),
        ("任", 3), ("卢", 3), ("姚", 3), ("沈", 3), ("钟", 3), ("姜", 3), ("崔", 3), ("谭", 3), ("陆", 3), ("范", 2),
        ("汪", 2), ("廖", 2), ("石", 2), ("金", 2), ("韦", 2), ("贾", 2), ("夏", 2), ("付", 2), ("方", 2), ("邹", 2),
        ("熊", 2), ("白", 2), ("孟", 2), ("秦", 2), ("邱", 2), ("侯", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2),
        ("段", 2), ("雷", 2), ("龙", 2), ("黎", 2), ("史", 2), ("陶", 2), ("贺", 2), ("毛", 2), ("郝", 2), ("顾", 2),
        ("龚", 2), ("邵", 2), ("万", 2), ("覃", 1), ("武", 1), ("钱", 1), ("戴", 1), ("严", 1), ("莫", 1), ("孔", 1),
        ("向", 1), ("常", 1), ("汤", 1), ("康", 1), ("易", 1), ("乔", 1), ("赖", 1), ("文", 1), ("欧阳", 1),
    ]);

    private const string GivenNameCharacters =
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国红志海春晓云峰斌林鹏宇浩凯俊雪梅琳婷慧燕新德成永福"
        + "晨思佳欣宏振家荣庆瑞昊立光天长学丹萍莉翔飞彬亮波宁东金鑫卫兵松青阳博嘉雅蕾倩颖琴淑凤兴利民安清泽轩子怡楠帆远航健毅";

    private const string TownFirstCharacters = "青白石黄龙马金新高双清安长柳桃杨花沙东西南北云凤古永太大小平兴仁和丰宝福义";

    private const string TownSecondCharacters = "河山桥岭坪湾溪口坝集店庙寺铺湖林峰泉园冲塘堡沟营庄关田港场渡";

    private static readonly Weighted<string> TownSuffixPick = new([("镇", 70), ("乡", 15), ("街道", 15)]);

    private const string Digits = "一二三四五六七八九";

    /// <summary>The 界别 the generator uses, most common first in a local committee.</summary>
    public static IReadOnlyList<string> Sectors { get; } = SectorTable.OrderByDescending(s => s.Weight).Select(s => s.Sector).ToArray();

    /// <summary>Generates the network the options describe: exactly <see cref="SyntheticNetworkOptions.Members"/> members.</summary>
    public static NetworkDocument Generate(SyntheticNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Generator(options).Run();
    }

    /// <summary>An invented member: a common Chinese name, a sector and a party that fits it.</summary>
    public static MemberDocument Member(Random random, string code, string group)
    {
        var sector = Sector(random);
        return new MemberDocument
        {
            Code = code,
            Name = PersonName(random),
            Group = group,
            Sector = sector,
            Party = PartyFor(sector, random),
        };
    }

    /// <summary>A surname by frequency and one or two given characters (two in most modern names).</summary>
    public static string PersonName(Random random)
    {
        var surname = SurnamePick.Pick(random);
        var first = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
        if (random.Next(10) < 3)
        {
            return string.Concat(surname, first.ToString());
        }

        var second = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
        return string.Concat(surname, first.ToString(), second.ToString());
    }

    public static string Sector(Random random) => SectorPick.Pick(random);

    /// <summary>A party (from <see cref="Parties.All"/>) for a member of <paramref name="sector"/>.</summary>
    public static string PartyFor(string sector, Random random) =>
        (PartyPick.TryGetValue(sector, out var pick) ? pick : PartyPick[""]).Pick(random);

    /// <summary>An invented township name such as 青河镇 or 白坪街道.</summary>
    public static string TownName(Random random) => string.Concat(
        TownFirstCharacters[random.Next(TownFirstCharacters.Length)].ToString(),
        TownSecondCharacters[random.Next(TownSecondCharacters.Length)].ToString(),
        TownSuffixPick.Pick(random));

    /// <summary>一 to 九十九 as group names write them (第十二委员活动组); larger numbers in digits.</summary>
    public static string Numeral(int number)
    {
        if (number is < 1 or > 99)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var tens = number / 10;
        var ones = number % 10;
        var text = tens switch
        {
            0 => "",
            1 => "十",
            _ => Digits[tens - 1] + "十",
        };
        return ones == 0 ? text : text + Digits[ones - 1];
    }

    private static Dictionary<string, Weighted<string>> BuildPartyPick()
    {
        // Most members of a local committee are 中共 or 无党派人士; each democratic party has a few.
        var general = new Weighted<string>(
        [
            ("中共", 90), ("无党派人士", 80), ("民革", 1), ("民盟", 2), ("民建", 2), ("民进", 2), ("农工党", 1),
            ("致公党", 1), ("九三学社", 1), ("工商联", 4),
        ]);
        var picks = new Dictionary<string, Weighted<string>>(StringComparer.Ordinal)
        {
            [""] = general,
            ["工商联"] = new([("工商联", 50), ("中共", 20), ("无党派人士", 20), ("民建", 10)]),
        };
        foreach (var (sector, _, party) in SectorTable)
        {
            if (party is not null)
            {
                picks[sector] = new Weighted<string>([(party, 1)]);
            }
        }

        return picks;
    }

    /// <summary>Picks items in proportion to integer weights.</summary>
    private sealed class Weighted<T>
    {
        private readonly T[] _items;
        private readonly int[] _upTo;

        public Weighted(IEnumerable<(T Item, int Weight)> entries)
        {
            var list = entries.ToArray();
            _items = new T[list.Length];
            _upTo = new int[list.Length];
            var total = 0;
            for (var i = 0; i < list.Length; i++)
            {
                total += list[i].Weight;
                _items[i] = list[i].Item;
                _upTo[i] = total;
            }
        }

        public T Pick(Random random)
        {
            var ticket = random.Next(_upTo[^1]);
            var index = Array.BinarySearch(_upTo, ticket + 1);
            return _items[index >= 0 ? index : ~index];
        }
    }

    /// <summary>One run: walks the tree top-down, numbering each level globally so averages spread evenly.</summary>
    private sealed class Generator(SyntheticNetworkOptions options)
    {
        private readonly Random _random = new(options.Seed);
        private readonly int _totalGroups = options.Groups;
        private readonly NetworkDocument _document = new()
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"合成网络（{options.Provinces}省，{options.Members:N0}名委员）"),
            Units = new List<UnitDocument>(1 + options.Provinces + options.Cities + options.Counties + options.LiaisonOffices + options.Groups),
            Members = new List<MemberDocument>(options.Members),
        };

        private int _cityIndex;
        private int _countyIndex;
        private int _officeIndex;
        private int _groupIndex;
        private int _owedMembers;

        public NetworkDocument Run()
        {
            AddCommittee(RootCode, CommitteeLevel.National, "全国政协", null);
            var root = new Numbering(RootCode);
            for (var g = 0; g < options.NationalGroups; g++)
            {
                AddCommitteeGroup(root, "", NationalSpecialCommittees);
            }

            for (var p = 1; p <= options.Provinces; p++)
            {
                AddProvince(p);
            }

            // The group and member totals are what the options promise; a mismatch is a bug here.
            if (_groupIndex != _totalGroups || _document.Members.Count != options.Members)
            {
                throw new InvalidOperationException(
                    $"Generated {_groupIndex} groups and {_document.Members.Count} members; expected {_totalGroups} and {options.Members}.");
            }

            return _document;
        }

        private void AddProvince(int p)
        {
            var code = $"P{p:D2}";
            AddCommittee(code, CommitteeLevel.Province, $"{p:D2}省政协", RootCode);
            var province = new Numbering(code);
            var groups = SyntheticNetworkOptions.Share(p - 1, options.CommitteeGroupsPerProvince);
            for (var g = 0; g < groups; g++)
            {
                AddCommitteeGroup(province, "省直", SpecialCommittees);
            }

            var cities = SyntheticNetworkOptions.Share(p - 1, options.CitiesPerProvince);
            for (var c = 1; c <= cities; c++)
            {
                AddCity(p, c);
            }
        }

        private void AddCity(int p, int c)
        {
            var code = $"P{p:D2}C{c:D2}";
            AddCommittee(code, CommitteeLevel.City, $"{p:D2}省{c:D2}市政协", $"P{p:D2}");
            var index = _cityIndex++;
            var city = new Numbering(code);
            var groups = SyntheticNetworkOptions.Share(index, options.CommitteeGroupsPerCity);
            for (var g = 0; g < groups; g++)
            {
                AddCommitteeGroup(city, "市直", SpecialCommittees);
            }

            var counties = SyntheticNetworkOptions.Share(index, options.CountiesPerCity);
            for (var x = 1; x <= counties; x++)
            {
                AddCounty(p, c, x);
            }
        }

        private void AddCounty(int p, int c, int x)
        {
            var code = $"P{p:D2}C{c:D2}X{x:D2}";
            AddCommittee(code, CommitteeLevel.County, $"{p:D2}省{c:D2}市{x:D2}县政协", $"P{p:D2}C{c:D2}");
            var index = _countyIndex++;
            var county = new Numbering(code);
            var groups = SyntheticNetworkOptions.Share(index, options.CommitteeGroupsPerCounty);
            for (var g = 0; g < groups; g++)
            {
                AddCommitteeGroup(county, "县直", SpecialCommittees);
            }

            var offices = SyntheticNetworkOptions.Share(index, options.LiaisonOfficesPerCounty);
            for (var o = 1; o <= offices; o++)
            {
                var town = TownName(_random);
                var officeCode = $"{code}-L{o:D2}";
                _document.Units.Add(new UnitDocument
                {
                    Code = officeCode,
                    Kind = "liaisonOffice",
                    Name = town + "联络处",
                    Parent = code,
                });
                var officeGroups = SyntheticNetworkOptions.Share(_officeIndex++, options.GroupsPerOffice);
                for (var g = 1; g <= officeGroups; g++)
                {
                    var name = officeGroups == 1 ? town + "委员活动组" : $"{town}第{Numeral(g)}委员活动组";
                    AddGroup(county, officeCode, name, null);
                }
            }
        }

        private void AddCommittee(string code, CommitteeLevel level, string name, string? parent) =>
            _document.Units.Add(new UnitDocument { Code = code, Kind = "committee", Level = level.Key(), Name = name, Parent = parent });

        private void AddCommitteeGroup(Numbering committee, string prefix, IReadOnlyList<string> specialCommittees)
        {
            // Numbered before AddGroup takes the next number, so 县直第一 is G01 when committee groups come first.
            var number = committee.Groups + 1;
            AddGroup(committee, committee.Code, $"{prefix}第{Numeral(number)}委员活动组", specialCommittees[(number - 1) % specialCommittees.Count]);
        }

        private void AddGroup(Numbering committee, string parent, string name, string? specialCommittee)
        {
            var code = $"{committee.Code}-G{++committee.Groups:D2}";
            _document.Units.Add(new UnitDocument
            {
                Code = code,
                Kind = "activityGroup",
                Name = name,
                Parent = parent,
                SpecialCommittee = specialCommittee,
            });
            var size = NextGroupSize();
            for (var m = 0; m < size; m++)
            {
                _document.Members.Add(Member(_random, $"{committee.Code}-M{++committee.Members:D4}", code));
            }
        }

        /// <summary>
        /// The even share of the next group, varied by the spread. Groups go in pairs: the second gives back
        /// what the first took, so the total stays exact; neither can go below zero because the variation
        /// is at most the smallest share.
        /// </summary>
        private int NextGroupSize()
        {
            var index = _groupIndex++;
            var size = SyntheticNetworkOptions.Share(index, options.MembersPerGroup);
            if (index % 2 == 1)
            {
                return size - _owedMembers;
            }

            var hasPartner = index + 1 < _totalGroups;
            var limit = hasPartner
                ? (int)Math.Min(Math.Floor(options.MembersPerGroup), options.MembersPerGroup * options.GroupSizeSpread)
                : 0;
            _owedMembers = limit == 0 ? 0 : _random.Next(-limit, limit + 1);
            return size + _owedMembers;
        }
    }

    /// <summary>Group and member numbers are per committee: 420607-G01, 420607-M0001.</summary>
    private sealed class Numbering(string code)
    {
        public string Code { get; } = code;

        public int Groups { get; set; }

        public int Members { get; set; }
    }
}
