using BackgroundRoles.Cli;

return CloudServiceCli.Run(args, Console.Out, Console.Error);
