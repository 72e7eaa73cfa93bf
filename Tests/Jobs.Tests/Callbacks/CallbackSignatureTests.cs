using System.Security.Cryptography;
using System.Text;
using BackgroundRoles.Jobs.Callbacks;

namespace BackgroundRoles.Jobs.Tests.Callbacks;

[TestClass]
public sealed class CallbackSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [TestMethod]
    public void Compute_DocumentedScheme_HmacSha256OfTimestampDotBody()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("1800000000.{\"a\":1}")));

        Assert.AreEqual(expected, CallbackSignature.Compute("k", 1_800_000_000, "{\"a\":1}"));
    }

    [TestMethod]
    public void Verify_ChangedBodyOrOldTimestamp_False()
    {
        var signature = CallbackSignature.Compute("k", Now.ToUnixTimeSeconds(), "body");

        Assert.IsTrue(CallbackSignature.Verify("k", "1800000000", signature, "body", Now, TimeSpan.FromMinutes(5)));
        Assert.IsFalse(CallbackSignature.Verify("k", "1800000000", signature, "body!", Now, TimeSpan.FromMinutes(5)));
        Assert.IsFalse(CallbackSignature.Verify("k", "1800000000", signature, "body", Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.IsFalse(CallbackSignature.Verify("k", "not-a-number", signature, "body", Now, TimeSpan.FromMinutes(5)));
        Assert.IsFalse(CallbackSignature.Verify("k", "1800000000", null, "body", Now, TimeSpan.FromMinutes(5)));
    }
}
