namespace CommitteeGrid.Api.Tests;
