using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace ClassicRole
{
    /// <summary>Classic code that walks the topology and reads settings defensively, as roles that talked to their peers did.</summary>
    public static class Peers
    {
        public static void TraceInstances()
        {
            if (!RoleEnvironment.IsAvailable)
            {
                return;
            }

            foreach (Role role in RoleEnvironment.Roles.Values)
            {
                foreach (RoleInstance instance in role.Instances)
                {
                    string endpoints = String.Join(", ", instance.InstanceEndpoints.Select(e => e.Key + "=" + e.Value.IPEndpoint.Port));
                    Trace.TraceInformation("Instance " + instance.Id + " of " + instance.Role.Name + " in update domain " + instance.UpdateDomain + " [" + endpoints + "]");
                }
            }

            try
            {
                RoleEnvironment.GetConfigurationSettingValue("NotDeclared");
            }
            catch (RoleEnvironmentException)
            {
                Trace.TraceWarning("NotDeclared is not declared; using the default");
            }

            string viaNewerNamespace = Microsoft.Azure.CloudConfigurationManager.GetSetting("Greeting", false);
            Trace.TraceInformation("Microsoft.Azure.CloudConfigurationManager says " + viaNewerNamespace);
        }
    }
}
