namespace CommitteeGrid.Domain.Tests;
