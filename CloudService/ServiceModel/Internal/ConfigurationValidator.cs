namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Checks a configuration on its own: roles, instance counts, duplicates and thumbprints.</summary>
internal static class ConfigurationValidator
{
    public static IReadOnlyList<Diagnostic> Run(ServiceConfiguration configuration)
    {
        var diagnostics = new DiagnosticBag();
        if (configuration.Roles.Count == 0)
        {
            diagnostics.Error(configuration.Location, $"configuration '{configuration.ServiceName}' has no <Role>; at least one is required");
        }

        if (configuration.OsFamily is < 1)
        {
            diagnostics.Error(configuration.Location, $"osFamily {configuration.OsFamily} is not a valid OS family");
        }

        DuplicateFinder.Report(configuration.Roles, r => r.Name, r => r.Location, StringComparer.OrdinalIgnoreCase, "role", diagnostics);
        foreach (var role in configuration.Roles)
        {
            if (role.InstanceCount is < 1)
            {
                diagnostics.Error(role.Location, $"role '{role.Name}' has Instances count {role.InstanceCount}; at least 1 is required");
            }

            DuplicateFinder.Report(role.Settings, s => s.Name, s => s.Location, StringComparer.Ordinal, "setting", diagnostics, $" in role '{role.Name}'");
            DuplicateFinder.Report(role.Certificates, c => c.Name, c => c.Location, StringComparer.Ordinal, "certificate", diagnostics, $" in role '{role.Name}'");
            foreach (var certificate in role.Certificates)
            {
                CheckThumbprint(certificate, diagnostics);
            }
        }

        return diagnostics.ToList();
    }

    private static void CheckThumbprint(CertificateConfiguration certificate, DiagnosticBag diagnostics)
    {
        var thumbprint = certificate.Thumbprint;
        if (thumbprint.Length == 0)
        {
            // Templates leave it empty for a deployment script to fill in.
            diagnostics.Warning(certificate.Location, $"certificate '{certificate.Name}' has an empty thumbprint (a placeholder?)");
        }
        else if (thumbprint.Length != ServiceModelNames.ThumbprintLength || !thumbprint.All(char.IsAsciiHexDigit))
        {
            diagnostics.Error(
                certificate.Location,
                $"certificate '{certificate.Name}' thumbprint '{thumbprint}' is not {ServiceModelNames.ThumbprintLength} hexadecimal digits");
        }
    }
}
