using System.Globalization;
using System.Net;

namespace BackgroundRoles.Hosting;

/// <summary>
/// Where a standalone role instance answers an orchestrator's probes (<c>GET /ready</c>, <c>GET /live</c>), read
/// from the environment of the role process: <see cref="PortVariable"/> turns the probes on (nothing listens
/// without it), <see cref="AddressVariable"/> binds another address than loopback (a pod's, for a kubelet), and
/// <see cref="FrozenReadyVariable"/> keeps a frozen instance in rotation. <c>cloudservice host --probe-port</c>
/// sets them for the role; a role's own executable under an orchestrator reads them as they are. Under the
/// emulator (a control channel in the descriptor) they are ignored: the fabric follows the instance itself.
/// </summary>
/// <param name="Address">The address the probe server binds; loopback by default.</param>
/// <param name="Port">The TCP port, 1 to 65535.</param>
/// <param name="FrozenReady">Whether <c>/ready</c> answers 200 for a Ready instance that Freeze=true has frozen.</param>
public sealed record ProbeOptions(IPAddress Address, int Port, bool FrozenReady)
{
    /// <summary>The probe server's TCP port; unset or empty: no probe server.</summary>
    public const string PortVariable = "BACKGROUNDROLES_PROBE_PORT";

    /// <summary>The address the probe server binds (an IP address); unset: <see cref="HostDefaults.ProbeAddress"/>.</summary>
    public const string AddressVariable = "BACKGROUNDROLES_PROBE_ADDRESS";

    /// <summary><c>true</c>: a frozen instance stays ready (in rotation); unset or <c>false</c>: it is taken out.</summary>
    public const string FrozenReadyVariable = "BACKGROUNDROLES_PROBE_FROZEN_READY";

    /// <summary>
    /// Reads the options through <paramref name="read"/> (an environment lookup). Null with no error when the port is
    /// not set; null with <paramref name="error"/> saying which variable is wrong and why when a value is bad.
    /// </summary>
    public static ProbeOptions? Read(Func<string, string?> read, out string? error)
    {
        ArgumentNullException.ThrowIfNull(read);
        error = null;
        var portText = read(PortVariable);
        if (string.IsNullOrWhiteSpace(portText))
        {
            return null;
        }

        if (!TryParsePort(portText, out var port))
        {
            error = $"{PortVariable}='{portText}' is not a TCP port (1 to 65535)";
            return null;
        }

        var addressText = read(AddressVariable);
        var address = HostDefaults.ProbeAddress;
        if (!string.IsNullOrWhiteSpace(addressText) && !IPAddress.TryParse(addressText.Trim(), out address))
        {
            error = $"{AddressVariable}='{addressText}' is not an IP address";
            return null;
        }

        var frozenText = read(FrozenReadyVariable);
        var frozenReady = false;
        if (!string.IsNullOrWhiteSpace(frozenText) && !bool.TryParse(frozenText.Trim(), out frozenReady))
        {
            error = $"{FrozenReadyVariable}='{frozenText}' is not true or false";
            return null;
        }

        return new ProbeOptions(address, port, frozenReady);
    }

    /// <summary>True when <paramref name="text"/> is a port number from 1 to 65535.</summary>
    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= IPEndPoint.MaxPort;
}
