using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Fabric.Tests.Control;

[TestClass]
public sealed class ControlEndpointTests
{
    [TestMethod]
    public void Write_ThenRead_SameEndpointInAFileOnlyItsUserCanRead()
    {
        var state = Path.Combine(Path.GetTempPath(), "backgroundroles-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var endpoint = new ControlEndpoint("http://127.0.0.1:1234/", "ABCDEF", 42);

            endpoint.Write(state);

            Assert.AreEqual(endpoint, ControlEndpoint.Read(state, out var error), error);
            if (!OperatingSystem.IsWindows())
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ControlEndpoint.PathIn(state)));
            }

            endpoint.Delete(state);
            Assert.IsFalse(File.Exists(ControlEndpoint.PathIn(state)));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [TestMethod]
    public void Read_NoFile_SaysNoEmulatorIsRunning()
    {
        Assert.IsNull(ControlEndpoint.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), out var error));
        StringAssert.Contains(error, "no emulator is running");
    }
}
