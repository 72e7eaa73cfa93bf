return BackgroundRoles.Hosting.RoleHost.Run(args);
