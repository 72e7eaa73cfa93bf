using System.Diagnostics;
using System.Text;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>
/// The csdef and cscfg readers under hostile input: a DTD, deep nesting, a huge file. Each is refused quickly with a
/// diagnostic at a real line and column (or the whole file, for its size), never a hang, a crash or a stack trace.
/// </summary>
[TestClass]
public sealed class XmlLimitsTests
{
    private const string DefinitionNamespace = "http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition";

    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(1);

    [TestMethod]
    public void Parse_Doctype_ErrorAtTheDoctypesLineAndColumn()
    {
        const string Xml = "<?xml version=\"1.0\"?>\n  <!DOCTYPE ServiceDefinition [ <!ENTITY a \"aaaa\"> ]>\n<ServiceDefinition name=\"S\" xmlns=\"" + DefinitionNamespace + "\" />";

        var result = ServiceDefinitionReader.Parse(Xml, "dtd.csdef");

        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual((2, 3), (error.Line, error.Column), error.ToString());
        StringAssert.Contains(error.Message, "DTD");
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public void Parse_DoctypeInAConfiguration_ErrorWithALocation()
    {
        const string Xml = "<!DOCTYPE x [ <!ENTITY lol \"lol\"> ]>\n<ServiceConfiguration />";

        var result = ServiceConfigurationReader.Parse(Xml, "dtd.cscfg");

        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual((1, 1), (error.Line, error.Column), error.ToString());
    }

    [TestMethod]
    public void Parse_HundredThousandNestedElements_RefusedQuicklyAtTheFirstElementTooDeep()
    {
        var xml = Nested(100_000);
        var started = Stopwatch.GetTimestamp();

        var result = ServiceDefinitionReader.Parse(xml, "deep.csdef");

        Assert.IsLessThan(Quick, Stopwatch.GetElapsedTime(started));
        var error = result.Diagnostics.Single(d => d.IsError);
        StringAssert.Contains(error.Message, $"nested deeper than {ServiceModelLimits.MaxElementDepth}");
        Assert.AreEqual(2, error.Line, error.ToString());
        Assert.AreEqual(ColumnOfElement(ServiceModelLimits.MaxElementDepth + 1), error.Column, error.ToString());
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public void Parse_NestingAtTheLimit_IsNotADepthError()
    {
        var result = ServiceDefinitionReader.Parse(Nested(ServiceModelLimits.MaxElementDepth), "deep.csdef");

        Assert.IsFalse(result.Diagnostics.Any(d => d.Message.Contains("nested deeper", StringComparison.Ordinal)), string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void Read_DeeplyNestedConfigurationFile_RefusedWithALocation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deep-{Guid.NewGuid():N}.cscfg");
        File.WriteAllText(path, Nested(10_000, "ServiceConfiguration"));
        try
        {
            var result = ServiceConfigurationReader.Read(path);

            var error = result.Diagnostics.Single(d => d.IsError);
            Assert.AreEqual((path, 2), (error.File, error.Line), error.ToString());
            Assert.IsGreaterThan(0, error.Column);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Read_FileOverTheSizeLimit_RefusedBeforeItIsParsed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.csdef");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.Write(Encoding.UTF8.GetBytes($"<ServiceDefinition name=\"S\" xmlns=\"{DefinitionNamespace}\"><!--"));
            file.SetLength(ServiceModelLimits.MaxFileBytes + 1);
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = ServiceDefinitionReader.Read(path);

            Assert.IsLessThan(Quick, Stopwatch.GetElapsedTime(started));
            var error = result.Diagnostics.Single(d => d.IsError);
            Assert.AreEqual((path, 1, 1), (error.File, error.Line, error.Column));
            StringAssert.Contains(error.Message, "larger than");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Parse_EmptyText_ErrorAtTheStartOfTheContent()
    {
        var error = ServiceDefinitionReader.Parse("", "empty.csdef").Diagnostics.Single(d => d.IsError);

        Assert.AreEqual((1, 1), (error.Line, error.Column), error.ToString());
    }

    [TestMethod]
    public void Parse_CommentMangledIntoADeclaration_ErrorAtThatMarkup()
    {
        // A flipped byte turns "<!--" into "<!E-": the reader takes it for a DTD, which it refuses with no position.
        var xml = $"<?xml version=\"1.0\"?>\n  <!E- a comment -->\n<ServiceDefinition name=\"S\" xmlns=\"{DefinitionNamespace}\" />";

        var error = ServiceDefinitionReader.Parse(xml, "mangled.csdef").Diagnostics.Single(d => d.IsError);

        Assert.AreEqual((2, 3), (error.Line, error.Column), error.ToString());
    }

    [TestMethod]
    public void Parse_TextOverTheSizeLimit_RefusedWithALocation()
    {
        var xml = $"<ServiceDefinition name=\"S\" xmlns=\"{DefinitionNamespace}\"><!--{new string('x', (int)ServiceModelLimits.MaxFileBytes)}--></ServiceDefinition>";

        var result = ServiceDefinitionReader.Parse(xml, "big.csdef");

        var error = result.Diagnostics.Single(d => d.IsError);
        StringAssert.Contains(error.Message, "larger than");
        Assert.AreEqual((1, 1), (error.Line, error.Column), error.ToString());
        Assert.IsNull(result.Value);
    }

    /// <summary>A root element with <paramref name="depth"/> - 1 nested <c>a</c> elements inside, the nesting on line 2.</summary>
    private static string Nested(int depth, string root = "ServiceDefinition")
    {
        var builder = new StringBuilder($"<{root} name=\"S\" xmlns=\"{DefinitionNamespace}\">\n");
        for (var i = 1; i < depth; i++)
        {
            builder.Append("<a>");
        }

        for (var i = 1; i < depth; i++)
        {
            builder.Append("</a>");
        }

        return builder.Append($"\n</{root}>").ToString();
    }

    /// <summary>The column on line 2 of the <c>&lt;</c> that opens the element at <paramref name="depth"/> (the root is depth 1).</summary>
    private static int ColumnOfElement(int depth) => ((depth - 2) * "<a>".Length) + 1;
}
