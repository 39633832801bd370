namespace CommitteeGrid.Postgres.Tests;
