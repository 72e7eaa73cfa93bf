using System.Text;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Mutations of a csdef or cscfg from a seeded random: byte flips, truncations, duplicated spans, deep nesting,
/// huge attributes, a DTD with entities, stray markup characters.
/// </summary>
internal static class ModelMutations
{
    public static IReadOnlyList<string> Kinds { get; } = ["byte flips", "truncation", "duplication", "deep nesting", "huge attribute", "DTD", "stray characters"];

    /// <summary>A mutant of <paramref name="xml"/> of the given kind.</summary>
    public static string Mutate(string xml, string kind, Random random)
    {
        switch (kind)
        {
            case "byte flips":
                byte[] bytes = Encoding.UTF8.GetBytes(xml);
                for (int i = random.Next(1, 9); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return Encoding.UTF8.GetString(bytes);
            case "truncation":
                return xml[..random.Next(xml.Length)];
            case "duplication":
                int start = random.Next(xml.Length);
                int length = random.Next(1, Math.Min(xml.Length - start, 4096) + 1);
                int at = random.Next(xml.Length + 1);
                string span = xml.Substring(start, length);
                return xml.Insert(at, string.Concat(Enumerable.Repeat(span, random.Next(1, 50))));
            case "deep nesting":
                int depth = random.Next(4) switch { 0 => 100, 1 => 1_000, 2 => 10_000, _ => 100_000 };
                string element = random.Next(2) == 0 ? "Setting" : "x";
                string nested = string.Concat(Enumerable.Repeat($"<{element}>", depth)) + (random.Next(2) == 0 ? string.Concat(Enumerable.Repeat($"</{element}>", depth)) : "");
                return xml.Insert(AfterRootStart(xml, random), nested);
            case "huge attribute":
                int size = random.Next(3) switch { 0 => 10_000, 1 => 1_000_000, _ => 8_000_000 };
                string value = new(random.Next(2) == 0 ? 'a' : '&', size);
                int quote = xml.IndexOf("=\"", random.Next(xml.Length), StringComparison.Ordinal);
                return quote < 0 ? xml.Insert(AfterRootStart(xml, random) - 1, $" huge=\"{value}\"") : xml.Insert(quote + 2, value);
            case "DTD":
                string dtd = random.Next(3) switch
                {
                    0 => "<!DOCTYPE a [<!ENTITY e \"eeeeeeeeee\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>",
                    1 => "<!DOCTYPE a SYSTEM \"file:///etc/passwd\">",
                    _ => "<!DOCTYPE a [<!ELEMENT a ANY>]>",
                };
                int declaration = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
                return xml.Insert(declaration, "\n" + dtd + "\n");
            case "stray characters":
                var text = new StringBuilder(xml);
                const string Stray = "<&>\"'\0\uD800\uFFFE]]>--";
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    text.Insert(random.Next(text.Length + 1), Stray[random.Next(Stray.Length)]);
                }

                return text.ToString();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of mutation");
        }
    }

    /// <summary>Just after the root element's start tag (or somewhere, when there is none).</summary>
    private static int AfterRootStart(string xml, Random random)
    {
        int search = 0;
        while (true)
        {
            int open = xml.IndexOf('<', search);
            if (open < 0 || open + 1 >= xml.Length)
            {
                return random.Next(xml.Length + 1);
            }

            if (xml[open + 1] is not ('?' or '!'))
            {
                int close = xml.IndexOf('>', open);
                return close < 0 ? xml.Length : close + 1;
            }

            search = open + 1;
        }
    }
}
