namespace BackgroundRoles.ServiceModel;

/// <summary>What a <c>RoleInstanceValue</c> xpath points at.</summary>
public enum RoleInstanceReferenceKind
{
    /// <summary>An xpath this library does not recognise; it is kept but not checked.</summary>
    Unrecognized,

    /// <summary><c>/RoleEnvironment/Deployment/@attr</c>, such as <c>@emulated</c> or <c>@id</c>.</summary>
    Deployment,

    /// <summary><c>/RoleEnvironment/CurrentInstance/@attr</c>, such as <c>@id</c> or <c>@faultDomain</c>.</summary>
    CurrentInstance,

    /// <summary><c>…/Endpoints/Endpoint[@name='x']/@attr</c>.</summary>
    Endpoint,

    /// <summary><c>…/LocalResources/LocalResource[@name='x']/@attr</c>.</summary>
    LocalResource,

    /// <summary><c>…/ConfigurationSettings/ConfigurationSetting[@name='x']/@attr</c>.</summary>
    ConfigurationSetting,
}
