using CommitteeGrid.Host.Hosting;

if (args.Length > 0 && args[0] == "generate")
{
    return GenerateCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] is "user" or "token")
{
    return await UserCommand.Run(args[0], args[1..]);
}

// The embedded demo starts with a year of reports; arguments or settings can still turn it off.
var app = await CommitteeGridApp.BuildAsync(["--CommitteeGrid:DemoActivity=true", .. args]);
await app.RunAsync();
return 0;
