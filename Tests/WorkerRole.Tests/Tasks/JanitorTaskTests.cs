using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.WorkerRole.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.WorkerRole.Tests.Tasks;

[TestClass]
public sealed class JanitorTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private DirectoryInfo _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("janitor");

    [TestCleanup]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    [TestMethod]
    public void Sweep_FilesOlderThanMaxAge_DeletesOnlyThose()
    {
        Write("old.bin", 10, Now.AddDays(-2));
        Write("sub/old.bin", 10, Now.AddDays(-3));
        Write("new.bin", 10, Now.AddHours(-1));

        var result = Janitor(quotaMb: 100).Sweep(Now);

        Assert.AreEqual(2, result.DeletedFiles);
        Assert.IsTrue(File.Exists(Path.Combine(_folder.FullName, "new.bin")));
        Assert.IsFalse(File.Exists(Path.Combine(_folder.FullName, "old.bin")));
    }

    [TestMethod]
    public void Sweep_OverQuota_DeletesOldestFirstUntilUnderNinetyPercent()
    {
        const int Mb = 1024 * 1024;
        Write("a.bin", Mb, Now.AddMinutes(-40));
        Write("b.bin", Mb, Now.AddMinutes(-30));
        Write("c.bin", Mb, Now.AddMinutes(-20));
        Write("d.bin", Mb, Now.AddMinutes(-10));

        var result = Janitor(quotaMb: 3).Sweep(Now);

        Assert.AreEqual(2, result.DeletedFiles, "4 MB in a 3 MB quota comes down to 2 MB, under 2.7 MB");
        CollectionAssert.AreEquivalent(new[] { "c.bin", "d.bin" }, _folder.GetFiles().Select(f => f.Name).ToList());
        Assert.AreEqual(2L * Mb, result.RemainingBytes);
    }

    [TestMethod]
    public void Sweep_MissingFolder_DoesNothing()
    {
        var janitor = new JanitorTask(new LocalResource("Scratch", Path.Combine(_folder.FullName, "missing"), 1), TimeSpan.FromDays(1), NullLogger<JanitorTask>.Instance);

        Assert.AreEqual(0, janitor.Sweep(Now).DeletedFiles);
    }

    private JanitorTask Janitor(int quotaMb) =>
        new(new LocalResource("Scratch", _folder.FullName, quotaMb), TimeSpan.FromDays(1), NullLogger<JanitorTask>.Instance);

    private void Write(string name, int bytes, DateTimeOffset lastWrite)
    {
        var path = Path.Combine(_folder.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
    }
}
