namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed class DiagnosticTests
{
    [TestMethod]
    public void ToString_Error_UsesCompilerFormat()
    {
        var diagnostic = new Diagnostic("a.csdef", 3, 7, DiagnosticSeverity.Error, "bad port");

        Assert.AreEqual("a.csdef(3,7): error: bad port", diagnostic.ToString());
    }

    [TestMethod]
    public void ToString_Warning_SaysWarning()
    {
        var diagnostic = Diagnostic.Warning(new SourceLocation("b.cscfg", 1, 2), "placeholder");

        Assert.AreEqual("b.cscfg(1,2): warning: placeholder", diagnostic.ToString());
        Assert.IsFalse(diagnostic.IsError);
    }

    [TestMethod]
    public void Error_FromLocation_CopiesFileLineAndColumn()
    {
        var diagnostic = Diagnostic.Error(new SourceLocation("c.csdef", 10, 4), "x");

        Assert.AreEqual(new Diagnostic("c.csdef", 10, 4, DiagnosticSeverity.Error, "x"), diagnostic);
        Assert.IsTrue(diagnostic.IsError);
    }
}
