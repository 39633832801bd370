namespace CommitteeGrid.Domain.Network;

/// <summary>
/// The shape of a synthetic network for load tests and benchmarks. Counts per parent are averages, not
/// fixed numbers: the generator gives parent i round((i + 1) × average) − round(i × average) children, so a
/// level's total is exactly round(parents × average) and <see cref="National"/> hits the real 333 cities
/// and 2,844 counties.
/// </summary>
/// <remarks>
/// Codes: the root is "CN"; provinces "P01".."P34", cities "P01C01", counties "P01C01X01"; below a committee
/// the demo seed's scheme: offices "&lt;county&gt;-L01", groups "&lt;committee&gt;-G01" and members
/// "&lt;committee&gt;-M0001", numbered per committee. Synthetic committee codes are deliberately not
/// administrative codes, so synthetic data cannot pass for a real place.
/// </remarks>
public sealed record SyntheticNetworkOptions
{
    // Public national figures (DOMAIN.md).
    public const int NationalProvinces = 34;
    public const int NationalCities = 333;
    public const int NationalCounties = 2_844;
    public const int NationalMembers = 600_000;
    public const int NationalCommitteeMembers = 2_169;

    /// <summary>Units and members together; about 80 times national scale.</summary>
    public const int MaxSize = 50_000_000;

    // The per-unit shape of the real network, from which ForMembers scales. A county of ~155 members in
    // 13 groups (8 township offices with 10 groups, 3 county-level groups); a city committee of ~400, a
    // province of ~600; groups of about 12 members. Those give ~600,000 members for the national counts.
    private const double TypicalOfficesPerCounty = 8;
    private const double TypicalGroupsPerOffice = 1.25;
    private const double TypicalCommitteeGroupsPerCounty = 3;
    private const double TypicalCommitteeGroupsPerCity = 34;
    private const double TypicalCommitteeGroupsPerProvince = 50;
    private const double TypicalNationalGroups = 180;

    /// <summary>The full national network: 34 provinces, 333 cities, 2,844 counties, 600,000 members.</summary>
    public static SyntheticNetworkOptions National { get; } = ForMembers(NationalMembers);

    /// <summary>Seeds System.Random: the same options always give the same network.</summary>
    public int Seed { get; init; } = 1;

    public int Provinces { get; init; } = 1;

    public double CitiesPerProvince { get; init; } = 1;

    public double CountiesPerCity { get; init; } = 1;

    public double LiaisonOfficesPerCounty { get; init; } = TypicalOfficesPerCounty;

    public double GroupsPerOffice { get; init; } = TypicalGroupsPerOffice;

    /// <summary>区直/县直 activity groups directly under each county committee, each paired with a special committee.</summary>
    public double CommitteeGroupsPerCounty { get; init; } = TypicalCommitteeGroupsPerCounty;

    public double CommitteeGroupsPerCity { get; init; } = 2;

    public double CommitteeGroupsPerProvince { get; init; }

    /// <summary>Activity groups directly under the national committee (its 2,169 members need about 180).</summary>
    public int NationalGroups { get; init; }

    public double MembersPerGroup { get; init; } = 12;

    /// <summary>
    /// How far a group's size strays from <see cref="MembersPerGroup"/> (0.25 = up to ±25%). Groups are
    /// paired, one grows as the other shrinks, so the spread never changes <see cref="Members"/>.
    /// </summary>
    public double GroupSizeSpread { get; init; } = 0.25;

    public int Cities => Total(Provinces, CitiesPerProvince);

    public int Counties => Total(Cities, CountiesPerCity);

    public int LiaisonOffices => Total(Counties, LiaisonOfficesPerCounty);

    /// <summary>Every activity group at every level.</summary>
    public int Groups =>
        NationalGroups
        + Total(Provinces, CommitteeGroupsPerProvince)
        + Total(Cities, CommitteeGroupsPerCity)
        + Total(Counties, CommitteeGroupsPerCounty)
        + Total(LiaisonOffices, GroupsPerOffice);

    /// <summary>The exact number of members the generator will produce.</summary>
    public int Members => Total(Groups, MembersPerGroup);

    /// <summary>
    /// A network of about <paramref name="totalMembers"/> members (exactly that many, in fact) shaped like
    /// the real one: 60,000 gives 3 provinces with 33 cities and 284 counties. Below one province the
    /// network keeps one province and shrinks the cities, then the counties, then the county itself; above
    /// national scale it keeps the national units and makes groups bigger.
    /// </summary>
    public static SyntheticNetworkOptions ForMembers(int totalMembers, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalMembers);

        var share = Math.Min(1.0, (double)totalMembers / NationalMembers);
        var provinces = Math.Clamp(Round(NationalProvinces * share), 1, NationalProvinces);
        var cities = Math.Max(provinces, Round(NationalCities * share));
        var counties = Math.Max(cities, Round(NationalCounties * share));

        // How much of a typical unit each level keeps: 1 while the network has whole units, less once a
        // level is down to its single unit, so a small network is not all province- and city-level members.
        var provinceShape = NationalProvinces * share / provinces;
        var cityShape = NationalCities * share / cities;
        var countyShape = Math.Min(1.0, NationalCounties * share / counties);

        var shape = new SyntheticNetworkOptions
        {
            Seed = seed,
            Provinces = provinces,
            CitiesPerProvince = (double)cities / provinces,
            CountiesPerCity = (double)counties / cities,
            LiaisonOfficesPerCounty = Math.Max(1.0, TypicalOfficesPerCounty * countyShape),
            GroupsPerOffice = TypicalGroupsPerOffice,
            CommitteeGroupsPerCounty = TypicalCommitteeGroupsPerCounty * countyShape,
            CommitteeGroupsPerCity = TypicalCommitteeGroupsPerCity * cityShape,
            CommitteeGroupsPerProvince = TypicalCommitteeGroupsPerProvince * provinceShape,
            NationalGroups = Round(TypicalNationalGroups * share),
        };
        return shape with { MembersPerGroup = (double)totalMembers / shape.Groups };
    }

    /// <summary>Throws when the options cannot describe a network.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Provinces);
        ArgumentOutOfRangeException.ThrowIfNegative(NationalGroups);
        foreach (var (name, value) in new[]
        {
            (nameof(CitiesPerProvince), CitiesPerProvince),
            (nameof(CountiesPerCity), CountiesPerCity),
            (nameof(LiaisonOfficesPerCounty), LiaisonOfficesPerCounty),
            (nameof(GroupsPerOffice), GroupsPerOffice),
            (nameof(CommitteeGroupsPerCounty), CommitteeGroupsPerCounty),
            (nameof(CommitteeGroupsPerCity), CommitteeGroupsPerCity),
            (nameof(CommitteeGroupsPerProvince), CommitteeGroupsPerProvince),
            (nameof(MembersPerGroup), MembersPerGroup),
        })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number of at least 0.");
            }
        }

        if (!double.IsFinite(GroupSizeSpread) || GroupSizeSpread is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GroupSizeSpread), GroupSizeSpread, "GroupSizeSpread must be between 0 and 1.");
        }

        // Counts are ints, so check in doubles first; far beyond national scale is a mistake, not a network.
        double cities = Provinces * CitiesPerProvince;
        var counties = cities * CountiesPerCity;
        var offices = counties * LiaisonOfficesPerCounty;
        var groups = NationalGroups + Provinces * CommitteeGroupsPerProvince + cities * CommitteeGroupsPerCity
            + counties * CommitteeGroupsPerCounty + offices * GroupsPerOffice;
        if (offices + groups + groups * MembersPerGroup > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MembersPerGroup), MembersPerGroup, $"The network would have more than {MaxSize:N0} units and members.");
        }
    }

    /// <summary>The share of child number <paramref name="index"/> (0-based, across the whole level).</summary>
    internal static int Share(long index, double average) =>
        Round((index + 1) * average) - Round(index * average);

    private static int Total(int parents, double average) => Round(parents * average);

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
