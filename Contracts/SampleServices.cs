namespace BackgroundRoles.Contracts;

/// <summary>
/// The sample shop's payment and shipping services answer like a payment provider's test cards: a customer
/// email at one of these domains makes a step fail, so the workflow's retries and compensation can be seen.
/// </summary>
public static class SampleServices
{
    /// <summary>The payment is declined: a permanent failure, compensated at once.</summary>
    public const string DeclinedDomain = "decline.example";

    /// <summary>The payment service is down: every attempt fails until the workflow gives up and compensates.</summary>
    public const string PaymentsDownDomain = "payments-down.example";

    /// <summary>The carrier is down: every shipping attempt fails; stock is released and the charge refunded.</summary>
    public const string CarrierDownDomain = "carrier-down.example";

    public static bool IsAt(string email, string domain) => email.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase);
}
