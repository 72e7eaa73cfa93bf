// The entry point of a role project that sets BackgroundRolesRoleMain (what 'cloudservice port' writes): classic
// role code has no Main, and this saves each ported project a Program.cs of its own. Compiled into the role, not
// into BackgroundRoles.Compat; the names are the compat's own, so they cannot meet a name of the role's.
namespace BackgroundRoles.Hosting.Ported
{
    internal static class RoleMain
    {
        private static int Main(string[] args) => BackgroundRoles.Hosting.RoleHost.Run(args);
    }
}
