using System.Security.Cryptography;
using System.Text;

namespace BackgroundRoles.Export.Internal;

/// <summary>Names Kubernetes accepts, made from csdef names.</summary>
internal static class KubernetesNames
{
    private const int MaxLabelLength = 63;

    /// <summary>
    /// A DNS-1035 label (what a Service name must be; Deployments and ConfigMaps accept it too): lowercase letters,
    /// digits and single hyphens, starting with a letter, at most 63; a longer one keeps a hash of the whole so two
    /// long names stay apart.
    /// </summary>
    public static string Label(params string[] parts)
    {
        var builder = new StringBuilder();
        foreach (var c in string.Join('-', parts).ToLowerInvariant())
        {
            var next = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (next != '-' || (builder.Length > 0 && builder[^1] != '-'))
            {
                builder.Append(next);
            }
        }

        var name = builder.ToString().Trim('-');
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name = "r-" + name;
        }

        if (name.Length > MaxLabelLength)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
            name = name[..(MaxLabelLength - 9)].TrimEnd('-') + "-" + hash;
        }

        return name.TrimEnd('-');
    }

    /// <summary>True when <paramref name="key"/> can be a ConfigMap or Secret key.</summary>
    public static bool IsDataKey(string key) =>
        key.Length is > 0 and <= 253 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A port name (IANA service name style): at most 15 lowercase letters, digits and hyphens, with a letter.</summary>
    public static string PortName(string endpointName)
    {
        var label = Label(endpointName);
        return label.Length <= 15 ? label : label[..15].TrimEnd('-');
    }
}
