namespace CommitteeGrid.Grains.Tests;
