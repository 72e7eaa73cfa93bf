using BackgroundRoles.Hosting;

return RoleHost.Run(args);
