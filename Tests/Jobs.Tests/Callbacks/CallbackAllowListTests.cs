using BackgroundRoles.Jobs.Callbacks;

namespace BackgroundRoles.Jobs.Tests.Callbacks;

[TestClass]
public sealed class CallbackAllowListTests
{
    [TestMethod]
    public void Allows_HostWithoutPort_AnyPortOfThatHostOnly()
    {
        var list = CallbackAllowList.Parse(" api.example.com , 127.0.0.1:8080", "Callbacks.AllowedHosts");

        Assert.IsTrue(list.Allows(new Uri("https://API.example.com/hook")));
        Assert.IsTrue(list.Allows(new Uri("http://api.example.com:9000/hook")));
        Assert.IsTrue(list.Allows(new Uri("http://127.0.0.1:8080/x")));
        Assert.IsFalse(list.Allows(new Uri("http://127.0.0.1:8081/x")));
        Assert.IsFalse(list.Allows(new Uri("http://localhost:8080/x")));
        Assert.IsFalse(list.Allows(new Uri("https://api.example.com.evil.test/hook")));
    }

    [TestMethod]
    public void Check_NotHttpOrWithUserInfo_Refused()
    {
        var list = CallbackAllowList.Parse("api.example.com", "s");

        StringAssert.Contains(list.Check(new Uri("ftp://api.example.com/x")), "absolute http or https");
        StringAssert.Contains(list.Check(new Uri("/relative", UriKind.Relative)), "absolute http or https");
        StringAssert.Contains(list.Check(new Uri("https://user:pw@api.example.com/x")), "user name");
    }

    [TestMethod]
    public void Parse_Blank_CallbacksOff()
    {
        Assert.IsTrue(CallbackAllowList.Parse("  ", "s").IsEmpty);
        Assert.IsTrue(CallbackAllowList.Parse(null, "s").IsEmpty);
        StringAssert.Contains(CallbackAllowList.None.Check(new Uri("https://api.example.com/")), "callbacks are off");
    }

    [TestMethod]
    public void Parse_EntryWithPath_ArgumentExceptionNamingSettingAndEntry()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => CallbackAllowList.Parse("ok.example.com,https://bad.example.com/x", "Callbacks.AllowedHosts"));

        StringAssert.Contains(error.Message, "Callbacks.AllowedHosts");
        StringAssert.Contains(error.Message, "https://bad.example.com/x");
    }

    [TestMethod]
    public void Parse_BracketedIpv6WithPort_MatchesThatPort()
    {
        var list = CallbackAllowList.Parse("[::1]:5000", "s");

        Assert.IsTrue(list.Allows(new Uri("http://[::1]:5000/hook")));
        Assert.IsFalse(list.Allows(new Uri("http://[::1]:5001/hook")));
    }
}
