using CommitteeGrid.Domain.Notifications;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Recipients are network members and units, or handling units "{committee}-H{n}" placed under their committee.</summary>
public sealed class RecipientsTests
{
    private static readonly CommitteeGrid.Domain.Network.CommitteeNetwork Network = Build();

    [Fact]
    public void A_member_routes_to_itself_and_every_unit_above()
    {
        Assert.Equal([Lead, Group, Office, County, City, Province, National], Recipients.SelfAndAncestors(Network, Lead));
    }

    [Fact]
    public void A_handling_unit_routes_to_itself_and_its_committee_chain()
    {
        Assert.True(Recipients.IsKnown(Network, "420607-H01"));
        Assert.Equal(County, Recipients.CommitteeOfHandlingUnit(Network, "420607-H01")!.Code);
        Assert.Equal(["420607-H01", County, City, Province, National], Recipients.SelfAndAncestors(Network, "420607-H01"));
    }

    [Theory]
    [InlineData("999999-H01")]
    [InlineData("420607-G01-H01")]
    [InlineData("420607-H")]
    [InlineData("420607-HX1")]
    [InlineData("nobody")]
    public void Other_codes_are_not_recipients(string code)
    {
        Assert.False(Recipients.IsKnown(Network, code));
        Assert.Empty(Recipients.SelfAndAncestors(Network, code));
    }

    [Fact]
    public void Units_concerned_are_each_listed_once()
    {
        var units = Recipients.UnitsConcerned(Network, [Lead, CoAuthor, City, CityMember]);
        Assert.Equal(
            new[] { Lead, CoAuthor, Group, Office, County, City, Province, National, CityMember, CityGroup }.Order(),
            units.Order());
    }

    [Fact]
    public void Within_means_the_unit_itself_or_below_it()
    {
        Assert.True(Recipients.IsWithin(Network, Lead, County));
        Assert.True(Recipients.IsWithin(Network, County, County));
        Assert.True(Recipients.IsWithin(Network, "420607-H02", County));
        Assert.True(Recipients.IsWithin(Network, "420607-H02", City));
        Assert.False(Recipients.IsWithin(Network, City, County));
        Assert.False(Recipients.IsWithin(Network, Lead, SiblingCounty));
        Assert.False(Recipients.IsWithin(Network, CityMember, County));
    }
}
