using System.Text;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Makes the requests of the HTTP fuzz from a seeded random: each a client's mistake the web role must answer with
/// a 4xx (bad content types, bad and mutated JSON, multipart without a boundary or cut short, bad images, huge
/// chunked bodies, wrong methods, random paths, bad Idempotency-Keys, a key reused with another body).
/// </summary>
internal sealed class FuzzRequests(Random random)
{
    /// <summary>How often each kind is dealt, relative to the others; the huge bodies rarely (11 MB each).</summary>
    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("order: wrong content type", 10), ("order: bad JSON", 25), ("order: huge chunked body", 1),
        ("thumbnail: multipart without boundary", 6), ("thumbnail: truncated multipart", 8), ("thumbnail: bad image", 12),
        ("thumbnail: huge chunked body", 1), ("wrong method", 8), ("random path", 12), ("bad Idempotency-Key", 8),
        ("Idempotency-Key reused with another body", 6),
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "", "application/json; charset=utf-999",
        "garbage///", "application/json; boundary=\"", "image/png", "*/*",
    ];

    private static readonly string[] JsonMutants =
    [
        "", "null", "[]", "{}", "\"text\"", "123", "{\"customerEmail\":5,\"items\":{}}", "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"sku-plum\",\"quantity\":\"3\"}]}",
        "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"sku-plum\",\"quantity\":1e400}]}", "{\"customerEmail\":\"a@example.com\",\"items\":[null]}",
        "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"sku-plum\",\"quantity\":99999999999}]}", "{\"customerEmail\":\"a@example.com\",\"customerEmail\":null}",
        "\uFEFF{\"customerEmail\":\"a@example.com\"}", "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":null,\"quantity\":null}]}",
    ];

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private int _keys;

    /// <summary>The next request (two for a reused key: the first submission, then the one that must be refused).</summary>
    public IReadOnlyList<FuzzRequest> Next()
    {
        int pick = random.Next(Kinds.Sum(k => k.Weight));
        string kind = Kinds.First(k => (pick -= k.Weight) < 0).Kind;
        return kind switch
        {
            "order: wrong content type" => [Order(kind, Encoding.UTF8.GetBytes(ValidOrder()), Pick(ContentTypes))],
            "order: bad JSON" => [Order(kind, MutatedJson(), "application/json")],
            "order: huge chunked body" => [new FuzzRequest(kind, HttpMethod.Post, "/api/orders", "application/json", [], null, ChaosLimits.HugeBody)],
            "thumbnail: multipart without boundary" => [Thumbnail(kind, Multipart("b0undary", Png, cut: false), "multipart/form-data")],
            "thumbnail: truncated multipart" => [Thumbnail(kind, Multipart("b0undary", Png, cut: true), "multipart/form-data; boundary=b0undary")],
            "thumbnail: bad image" => [Thumbnail(kind, BadImage(), Pick(["image/png", "image/jpeg", "image/webp", "image/gif"]))],
            "thumbnail: huge chunked body" => [new FuzzRequest(kind, HttpMethod.Post, "/api/thumbnails", "image/png", [], null, ChaosLimits.HugeBody)],
            "wrong method" => [WrongMethod(kind)],
            "random path" => [new FuzzRequest(kind, Pick([HttpMethod.Get, HttpMethod.Post, HttpMethod.Head]), RandomPath(), null, [], null)],
            "bad Idempotency-Key" => [Order(kind, Encoding.UTF8.GetBytes(ValidOrder()), "application/json", [("Idempotency-Key", BadKey())])],
            _ => ReusedKey(kind),
        };
    }

    private FuzzRequest Order(string kind, byte[] body, string contentType, IReadOnlyList<(string, string)>? headers = null, bool mustBeRejected = false) =>
        new(kind, HttpMethod.Post, "/api/orders", contentType, headers ?? [], body, 0, mustBeRejected);

    private static FuzzRequest Thumbnail(string kind, byte[] body, string contentType) => new(kind, HttpMethod.Post, "/api/thumbnails", contentType, [], body);

    private IReadOnlyList<FuzzRequest> ReusedKey(string kind)
    {
        var key = ("Idempotency-Key", $"chaos-reuse-{random.Next():x}-{++_keys}");
        return
        [
            Order(kind + " (first)", Encoding.UTF8.GetBytes(ValidOrder()), "application/json", [key]),
            Order(kind, Encoding.UTF8.GetBytes(ValidOrder("sku-fig", 7)), "application/json", [key], mustBeRejected: true),
        ];
    }

    private string ValidOrder(string sku = "sku-apple", int quantity = 1) =>
        $$"""{"customerEmail":"fuzz{{random.Next(1000)}}@example.com","items":[{"sku":"{{sku}}","quantity":{{quantity}}}]}""";

    private byte[] MutatedJson()
    {
        byte[] valid = Encoding.UTF8.GetBytes(ValidOrder());
        switch (random.Next(5))
        {
            case 0:
                return Encoding.UTF8.GetBytes(Pick(JsonMutants));
            case 1:
                return valid[..random.Next(valid.Length)];
            case 2:
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    valid[random.Next(valid.Length)] = (byte)random.Next(256);
                }

                return valid;
            case 3:
                int depth = Pick([64, 1000, 100_000]);
                return Encoding.UTF8.GetBytes($"{{\"customerEmail\":\"a@example.com\",\"items\":{new string('[', depth)}{new string(']', depth)}}}");
            default:
                return Encoding.UTF8.GetBytes($"{{\"customerEmail\":\"{new string('a', random.Next(1, 2_000_000))}@example.com\",\"items\":[]}}");
        }
    }

    private byte[] Multipart(string boundary, byte[] file, bool cut)
    {
        var text = new StringBuilder()
            .Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n");
        byte[] whole = [.. Encoding.ASCII.GetBytes(text.ToString()), .. file, .. Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")];
        return cut ? whole[..random.Next(1, whole.Length - 2)] : whole;
    }

    private byte[] BadImage()
    {
        switch (random.Next(4))
        {
            case 0:
                var bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return Png[..random.Next(8, Png.Length - 1)];
            case 2:
                return HugeDeclaredPng(Pick([8001u, 40_000u, 1_000_000u]), Pick([8001u, 40_000u, 1_000_000u]));
            default:
                return [.. Png[..8], .. Encoding.ASCII.GetBytes("not a chunk at all")];
        }
    }

    /// <summary>The 1 x 1 PNG with its IHDR claiming other dimensions (and a correct CRC), so only a decoder would find out.</summary>
    private static byte[] HugeDeclaredPng(uint width, uint height)
    {
        byte[] png = [.. Png];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private FuzzRequest WrongMethod(string kind)
    {
        var (method, path) = Pick(new (HttpMethod, string)[]
        {
            (HttpMethod.Put, "/api/orders"), (HttpMethod.Delete, "/api/orders"), (HttpMethod.Patch, "/api/thumbnails"), (HttpMethod.Get, "/api/orders"),
            (HttpMethod.Post, "/api/jobs/abc"), (HttpMethod.Delete, "/api/jobs/abc"), (HttpMethod.Options, "/api/orders"), (HttpMethod.Put, "/health"),
            (new HttpMethod("BREW"), "/api/orders"), (HttpMethod.Post, "/api/thumbnails/abc"),
        });
        return new FuzzRequest(kind, method, path, "application/json", [], Encoding.UTF8.GetBytes(ValidOrder()));
    }

    private string RandomPath()
    {
        string segment = random.Next(6) switch
        {
            0 => new string('a', random.Next(1, 10_000)),
            1 => Uri.EscapeDataString(Encoding.Latin1.GetString(RandomBytes(random.Next(1, 40)))),
            2 => Pick(["..", "%2e%2e", "%00", "%FF%FE", "a%2Fb", "a%5Cb", "'", "%22", "%23x", "%3Fx=1", "%E2%80%AE", "CON", "a:b"]),
            3 => Guid.NewGuid().ToString("N"),
            4 => string.Concat(Enumerable.Range(0, random.Next(1, 64)).Select(_ => (char)random.Next('!', '~' + 1)).Where(c => c is not ('?' or '#' or '/' or '\\' or '%'))),
            _ => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Pick(["/api/jobs/", "/api/thumbnails/", "/api/", "/", "/api/orders/", "/health/"]) + segment;
    }

    private string BadKey() => random.Next(5) switch
    {
        0 => new string('k', Pick([1025, 5000, 16_000])),
        1 => "a/b" + random.Next(),
        2 => "a\\b#c?" + random.Next(),
        3 => "\u0001\u007f" + random.Next(),
        _ => "   ",
    };

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];
}
