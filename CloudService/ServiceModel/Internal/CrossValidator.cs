namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>
/// Checks that a configuration fits a definition: the same service and roles, a value for every declared setting,
/// a thumbprint for every declared certificate, and nothing the definition does not declare. Settings and
/// certificates named <c>Microsoft.WindowsAzure.Plugins.&lt;Module&gt;.…</c> belong to an imported module: they are
/// accepted without a declaration and never required, since the module decides whether it needs them.
/// </summary>
internal static class CrossValidator
{
    public static IReadOnlyList<Diagnostic> Run(ServiceDefinition definition, ServiceConfiguration configuration)
    {
        var diagnostics = new DiagnosticBag();
        if (definition.IsRoleModule)
        {
            diagnostics.Error(definition.Location, "a RoleModule (plugin) is not a service definition and cannot be configured");
            return diagnostics.ToList();
        }

        CheckServiceName(definition, configuration, diagnostics);
        foreach (var configured in configuration.Roles)
        {
            var declared = definition.FindRole(configured.Name);
            if (declared is null)
            {
                diagnostics.Error(
                    configured.Location,
                    $"role '{configured.Name}' is not declared in the service definition ({Describe(definition.Location)})");
                continue;
            }

            if (declared.Name != configured.Name)
            {
                diagnostics.Warning(configured.Location, $"role '{configured.Name}' is declared as '{declared.Name}' (case differs)");
            }

            CheckSettings(declared, configured, diagnostics);
            CheckCertificates(declared, configured, diagnostics);
        }

        foreach (var declared in definition.Roles.Where(r => configuration.FindRole(r.Name) is null))
        {
            diagnostics.Error(
                configuration.Location,
                $"role '{declared.Name}' declared at {Describe(declared.Location)} has no <Role> in the configuration");
        }

        return diagnostics.ToList();
    }

    private static void CheckServiceName(ServiceDefinition definition, ServiceConfiguration configuration, DiagnosticBag diagnostics)
    {
        if (string.Equals(definition.Name, configuration.ServiceName, StringComparison.Ordinal))
        {
            return;
        }

        var message = $"serviceName '{configuration.ServiceName}' does not match the definition's name '{definition.Name}'";
        if (string.Equals(definition.Name, configuration.ServiceName, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Warning(configuration.Location, message + " (case differs)");
        }
        else
        {
            diagnostics.Error(configuration.Location, message);
        }
    }

    private static void CheckSettings(RoleDefinition declared, RoleConfiguration configured, DiagnosticBag diagnostics)
    {
        foreach (var setting in declared.ConfigurationSettings)
        {
            if (configured.FindSetting(setting.Name) is null && !declared.IsImplicitFromImport(setting.Name))
            {
                diagnostics.Error(
                    configured.Location,
                    $"role '{configured.Name}' has no value for setting '{setting.Name}' declared at {Describe(setting.Location)}");
            }
        }

        var names = declared.ConfigurationSettings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var setting in configured.Settings)
        {
            if (names.Contains(setting.Name) || declared.IsImplicitFromImport(setting.Name))
            {
                continue;
            }

            var similar = names.FirstOrDefault(n => string.Equals(n, setting.Name, StringComparison.OrdinalIgnoreCase));
            var hint = similar is null ? "" : $" (did you mean '{similar}'? setting names are case-sensitive)";
            diagnostics.Error(setting.Location, $"setting '{setting.Name}' is not declared by role '{declared.Name}' in the service definition{hint}");
        }
    }

    private static void CheckCertificates(RoleDefinition declared, RoleConfiguration configured, DiagnosticBag diagnostics)
    {
        foreach (var certificate in declared.Certificates)
        {
            if (configured.FindCertificate(certificate.Name) is null)
            {
                diagnostics.Error(
                    configured.Location,
                    $"role '{configured.Name}' has no thumbprint for certificate '{certificate.Name}' declared at {Describe(certificate.Location)}");
            }
        }

        foreach (var certificate in configured.Certificates)
        {
            if (!declared.Certificates.Any(c => c.Name == certificate.Name) && !declared.IsImplicitFromImport(certificate.Name))
            {
                diagnostics.Error(
                    certificate.Location,
                    $"certificate '{certificate.Name}' is not declared by role '{declared.Name}' in the service definition");
            }
        }
    }

    private static string Describe(SourceLocation location) => location.ToString();
}
