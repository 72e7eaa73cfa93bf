namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>
/// A certificate of the role changed. The SDK's type, so handlers that test for it compile; the local fabric
/// installs no certificates, so it never raises one.
/// </summary>
public class RoleEnvironmentCertificateChange : RoleEnvironmentChange, IEquatable<RoleEnvironmentCertificateChange>
{
    public RoleEnvironmentCertificateChange(string thumbprint)
    {
        Thumbprint = thumbprint;
    }

    public string Thumbprint { get; }

    public bool Equals(RoleEnvironmentCertificateChange? other) =>
        other is not null && string.Equals(Thumbprint, other.Thumbprint, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as RoleEnvironmentCertificateChange);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Thumbprint);
}
