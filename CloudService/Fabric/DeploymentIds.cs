using System.Globalization;
using System.Security.Cryptography;

namespace BackgroundRoles.Fabric;

/// <summary>
/// The deployment ids roles see in <c>RoleEnvironment.DeploymentId</c>: under the emulator (<c>run</c>) the compute
/// emulator's form, <c>deployment16(&lt;M&gt;)</c>, M counting the emulated deployments made in the state folder, so
/// code that recognises the emulator by its id keeps working; outside it (<c>host</c>, as in production) a 32-hex id,
/// as the platform gives.
/// </summary>
public static class DeploymentIds
{
    /// <summary>The prefix the SDK 2.x compute emulator gave its deployment ids.</summary>
    public const string EmulatedPrefix = "deployment16";

    /// <summary>The file in the state folder that holds the number of the last emulated deployment.</summary>
    public const string SequenceFileName = "deployment-sequence";

    /// <summary>A production-like id: 32 lower-case hex digits.</summary>
    public static string Standalone() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The emulator's form for deployment number <paramref name="sequence"/>: <c>deployment16(&lt;sequence&gt;)</c>.</summary>
    public static string Emulated(int sequence) => string.Create(CultureInfo.InvariantCulture, $"{EmulatedPrefix}({sequence})");

    /// <summary>
    /// The next emulated id of the state folder <paramref name="stateDirectory"/>: the number in its sequence file plus
    /// one, written back (1 when the file is missing or unreadable). The file is opened exclusively, so two runs that
    /// start at once do not take the same number.
    /// </summary>
    public static string NextEmulated(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, SequenceFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(file, leaveOpen: true);
                var last = int.TryParse(reader.ReadToEnd().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < int.MaxValue ? n : 0;
                file.SetLength(0);
                using var writer = new StreamWriter(file);
                writer.Write((last + 1).ToString(CultureInfo.InvariantCulture));
                return Emulated(last + 1);
            }
            catch (IOException) when (attempt < 20)
            {
                // Another run holds the file for the moment it takes to count.
                Thread.Sleep(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
