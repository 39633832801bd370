Console.WriteLine("CommitteeGrid.Bench");
