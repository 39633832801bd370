using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Recipients are network members and units, or handling units of the directory, placed under their committee.</summary>
public sealed class RecipientsTests
{
    private static readonly ProposalCatalog Catalog = BuildCatalog();

    private static ProposalCatalog BuildCatalog()
    {
        var network = Build();
        var units = new HandlingUnitsDocument
        {
            Units =
            [
                new HandlingUnitDocument { Code = "420607-H01", Name = "襄州区教育局", Committee = County },
                new HandlingUnitDocument { Code = "XZ-TRANSPORT", Name = "襄州区交通运输局", Committee = County },
                new HandlingUnitDocument { Code = "420600-H01", Name = "襄阳市教育局", Committee = City },
            ],
        };
        return new ProposalCatalog(network, SessionCalendar.Build(new SessionsDocument(), network), HandlingUnitDirectory.Build(units, network));
    }

    [Fact]
    public void A_member_routes_to_itself_and_every_unit_above()
    {
        Assert.Equal([Lead, Group, Office, County, City, Province, National], Recipients.SelfAndAncestors(Catalog, Lead));
    }

    [Fact]
    public void A_handling_unit_routes_to_itself_and_its_committee_chain_whatever_its_code()
    {
        Assert.True(Recipients.IsKnown(Catalog, "420607-H01"));
        Assert.Equal(County, Recipients.CommitteeOfHandlingUnit(Catalog, "420607-H01")!.Code);
        Assert.Equal(["420607-H01", County, City, Province, National], Recipients.SelfAndAncestors(Catalog, "420607-H01"));
        Assert.Equal(["XZ-TRANSPORT", County, City, Province, National], Recipients.SelfAndAncestors(Catalog, "XZ-TRANSPORT"));
    }

    [Theory]
    [InlineData("420607-H02")]
    [InlineData("999999-H01")]
    [InlineData("nobody")]
    public void Codes_in_neither_the_network_nor_the_directory_are_not_recipients(string code)
    {
        Assert.False(Recipients.IsKnown(Catalog, code));
        Assert.Null(Recipients.CommitteeOfHandlingUnit(Catalog, code));
        Assert.Empty(Recipients.SelfAndAncestors(Catalog, code));
    }

    [Fact]
    public void A_network_unit_is_never_taken_for_a_handling_unit()
    {
        Assert.Null(Recipients.CommitteeOfHandlingUnit(Catalog, County));
        Assert.Null(Recipients.CommitteeOfHandlingUnit(Catalog, Lead));
    }

    [Fact]
    public void Units_concerned_are_each_listed_once()
    {
        var units = Recipients.UnitsConcerned(Catalog, [Lead, CoAuthor, City, CityMember, "420600-H01"]);
        Assert.Equal(
            new[] { Lead, CoAuthor, Group, Office, County, City, Province, National, CityMember, CityGroup, "420600-H01" }.Order(),
            units.Order());
    }

    [Fact]
    public void Within_means_the_unit_itself_or_below_it()
    {
        Assert.True(Recipients.IsWithin(Catalog, Lead, County));
        Assert.True(Recipients.IsWithin(Catalog, County, County));
        Assert.True(Recipients.IsWithin(Catalog, "XZ-TRANSPORT", County));
        Assert.True(Recipients.IsWithin(Catalog, "420607-H01", City));
        Assert.False(Recipients.IsWithin(Catalog, "420600-H01", County));
        Assert.False(Recipients.IsWithin(Catalog, City, County));
        Assert.False(Recipients.IsWithin(Catalog, Lead, SiblingCounty));
        Assert.False(Recipients.IsWithin(Catalog, CityMember, County));
    }
}
