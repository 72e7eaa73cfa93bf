using System.Text;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>
/// Generates bad messages from a seed: random text that is not base64, base64 of random bytes, base64 of text that
/// is not a job, JSON of every wrong shape, job ids that cannot be table keys, unknown job types, a payload blob
/// that is missing or cannot be named; and a few good jobs with bad parts the processor must shrug off.
/// </summary>
internal sealed class BadMessages(int seed)
{
    /// <summary>The job type the test's handler takes.</summary>
    public const string KnownType = "echo";

    private const string TextAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*,-.:;<=>?@[]^_`{|}~éß€日本語";

    private readonly Random _random = new(seed);

    public List<BadMessage> Generate(int randomEach)
    {
        var messages = new List<BadMessage>();
        for (var i = 0; i < randomEach; i++)
        {
            messages.Add(RandomText());
            messages.Add(Base64OfRandomBytes());
            messages.Add(Base64OfText(RandomString(1, 200), "base64 of random text"));
            messages.Add(Json(RandomInvalidId(), PoisonReason.InvalidJobId, "random invalid job id"));
            messages.Add(Json(Guid.NewGuid().ToString("N"), PoisonReason.UnknownJobType, "random unknown type", jobType: "t-" + RandomString(1, 40)));
        }

        messages.AddRange(
        [
            Raw("not base64 at all!", "not base64"),
            Raw("%%%%", "not base64, short"),
            Base64OfText(" ", "whitespace"),
            Base64OfText("null", "JSON null"),
            Base64OfText("42", "JSON number"),
            Base64OfText("\"a string\"", "JSON string"),
            Base64OfText("[1,2,3]", "JSON array"),
            Base64OfText("{}", "empty object"),
            Base64OfText("{\"jobId\":", "truncated JSON"),
            Base64OfText(new string('[', 5000), "deeply nested JSON"),
            Base64OfText("{\"jobId\":{\"a\":1},\"jobType\":\"echo\",\"payload\":\"{}\"}", "jobId an object"),
            Base64OfText("{\"jobId\":\"j1\",\"jobType\":\"echo\",\"payload\":\"{}\",\"sequence\":\"x\"}", "sequence not a number"),
            Base64OfText("{\"jobType\":\"echo\",\"payload\":\"{}\"}", "no jobId"),
            Base64OfText("{\"jobId\":\"j2\",\"payload\":\"{}\"}", "no jobType"),
            Base64OfText("{\"jobId\":\"j3\",\"jobType\":\"echo\"}", "no payload"),
            Json("a/b", PoisonReason.InvalidJobId, "jobId with a slash"),
            Json("a#b", PoisonReason.InvalidJobId, "jobId with a hash"),
            Json("a?b", PoisonReason.InvalidJobId, "jobId with a question mark"),
            Json("a\\b", PoisonReason.InvalidJobId, "jobId with a backslash"),
            Json("a\u0001b", PoisonReason.InvalidJobId, "jobId with a control character"),
            // The JSON reader reads an unpaired surrogate as U+FFFD: a usable id.
            JobInJsonText("a\\ud800b", "a\ufffdb", "jobId with an unpaired surrogate, escaped in JSON"),
            Json(new string('k', 600), PoisonReason.InvalidJobId, "jobId of 600 characters"),
            Json(Guid.NewGuid().ToString("N"), PoisonReason.MissingPayload, "payload blob missing", payloadBlob: "nowhere/" + Guid.NewGuid().ToString("N")),
            Json(Guid.NewGuid().ToString("N"), null, "payload blob name unusable", payloadBlob: new string('b', 2000), outcome: BadOutcome.PoisonedWithinLimit),
            Json(Guid.NewGuid().ToString("N"), PoisonReason.OutOfOrder, "ordered, its predecessor never comes", orderingKey: "k-" + Guid.NewGuid().ToString("N"), sequence: 5, outcome: BadOutcome.PoisonedWithinLimit),
            Json(Guid.NewGuid().ToString("N"), null, "reply queue unusable", replyTo: "Not A Queue!", outcome: BadOutcome.Processed),
            Json(Guid.NewGuid().ToString("N"), null, "ordering key of odd characters", orderingKey: "k/#?\u0001" + RandomString(1, 600), outcome: BadOutcome.Processed),
        ]);
        return messages;
    }

    private BadMessage RandomText()
    {
        // A character base64 never has, so the text can never decode by chance; at both ends, so no reader trims it.
        var text = "!" + RandomString(0, 300) + "!";
        return Raw(text, "random text");
    }

    private BadMessage Base64OfRandomBytes()
    {
        var bytes = new byte[_random.Next(1, 300)];
        _random.NextBytes(bytes);

        // Invalid UTF-8 for sure, so it never decodes by chance.
        bytes[0] = 0xFF;
        var wire = Convert.ToBase64String(bytes);
        return new BadMessage("base64 of random bytes", wire, wire, BadOutcome.PoisonedAtOnce, PoisonReason.Undecodable);
    }

    private static BadMessage Raw(string text, string kind) => new(kind, text, text, BadOutcome.PoisonedAtOnce, PoisonReason.Undecodable);

    private static BadMessage Base64OfText(string text, string kind) =>
        new(kind, Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), text, BadOutcome.PoisonedAtOnce, PoisonReason.NotAJobMessage);

    private static BadMessage Json(
        string jobId,
        PoisonReason? reason,
        string kind,
        string jobType = KnownType,
        string? payloadBlob = null,
        string? replyTo = null,
        string? orderingKey = null,
        long sequence = 1,
        BadOutcome outcome = BadOutcome.PoisonedAtOnce)
    {
        var json = new JObject { ["jobId"] = jobId, ["jobType"] = jobType };
        if (payloadBlob is null)
        {
            json["payload"] = "{}";
        }
        else
        {
            json["payloadBlob"] = payloadBlob;
        }

        if (replyTo is not null)
        {
            json["replyTo"] = replyTo;
        }

        if (orderingKey is not null)
        {
            json["orderingKey"] = orderingKey;
            json["sequence"] = sequence;
        }

        var text = json.ToString(Newtonsoft.Json.Formatting.None);
        return new BadMessage(kind, Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), text, outcome, reason, jobId);
    }

    private static BadMessage JobInJsonText(string jobIdJson, string jobId, string kind)
    {
        var text = "{\"jobId\":\"" + jobIdJson + "\",\"jobType\":\"" + KnownType + "\",\"payload\":\"{}\"}";
        return new BadMessage(kind, Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), text, BadOutcome.Processed, JobId: jobId);
    }

    private string RandomInvalidId()
    {
        const string forbidden = "/\\#?\u0000\u0007\u001f\u007f\u0085";
        var id = RandomString(0, 40);
        var at = _random.Next(id.Length + 1);
        return id.Insert(at, forbidden[_random.Next(forbidden.Length)].ToString());
    }

    private string RandomString(int min, int max)
    {
        var length = _random.Next(min, max + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(TextAlphabet[_random.Next(TextAlphabet.Length)]);
        }

        return builder.ToString();
    }
}
