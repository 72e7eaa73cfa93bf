using BackgroundRoles.ServiceModel.Internal;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// Checks parsed service models. The readers already report what is wrong with single elements (missing or
/// unreadable attributes, misplaced elements); these checks relate elements to each other. None of them throws.
/// </summary>
public static class ServiceModelValidator
{
    /// <summary>
    /// Checks a definition on its own: at least one role; no duplicate role, setting, endpoint, storage or
    /// certificate names; ports in 1..65535 and FixedPortRange min ≤ max; site bindings, probes and certificates
    /// refer to declared things; RoleInstanceValue xpaths refer to declared endpoints, local resources and settings
    /// (a dangling one is a warning).
    /// </summary>
    public static IReadOnlyList<Diagnostic> ValidateDefinition(ServiceDefinition d) =>
        new DefinitionValidator(d).Run();

    /// <summary>
    /// Checks a configuration on its own: at least one role, no duplicate roles, settings or certificates,
    /// Instances count ≥ 1, thumbprints of 40 hex digits (an empty one is a placeholder: a warning).
    /// </summary>
    public static IReadOnlyList<Diagnostic> ValidateConfiguration(ServiceConfiguration c) =>
        ConfigurationValidator.Run(c);

    /// <summary>
    /// Checks that <paramref name="c"/> configures <paramref name="d"/>: matching service name, the same roles,
    /// a value for every declared setting, a thumbprint for every declared certificate, and no undeclared settings
    /// or certificates except those an imported module declares implicitly. Does not repeat the single-file checks.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CrossValidate(ServiceDefinition d, ServiceConfiguration c) =>
        CrossValidator.Run(d, c);
}
