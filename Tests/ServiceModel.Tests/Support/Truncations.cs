namespace BackgroundRoles.ServiceModel.Tests.Support;

/// <summary>Cuts a whole file short at many points: every cut must be reported as an error, never thrown.</summary>
internal static class Truncations
{
    public static void AssertEveryCutFails(string text, string name, bool isConfiguration)
    {
        // A prime step lands cuts inside names, attribute values and entities as well as between elements.
        const int Step = 31;
        for (var length = 0; length < text.TrimEnd().Length; length += Step)
        {
            var hasErrors = isConfiguration
                ? ServiceConfigurationReader.Parse(text[..length], name).HasErrors
                : ServiceDefinitionReader.Parse(text[..length], name).HasErrors;
            Assert.IsTrue(hasErrors, $"{name} cut at {length} should not parse cleanly");
        }
    }
}
