using CommitteeGrid.Host.Hosting;

if (args.Length > 0 && args[0] == "generate")
{
    return GenerateCommand.Run(args[1..]);
}

var app = await CommitteeGridApp.BuildAsync(args);
await app.RunAsync();
return 0;
