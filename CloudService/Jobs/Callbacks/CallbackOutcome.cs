using System.Text.Json.Serialization;

namespace BackgroundRoles.Jobs.Callbacks;

/// <summary>How a job's webhook callback ended (<see cref="CallbackState"/>); by name in web JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallbackOutcome>))]
public enum CallbackOutcome
{
    /// <summary>The receiver answered a POST with a 2xx status.</summary>
    Delivered,

    /// <summary>Every one of the allowed attempts failed (an error, a timeout, a status other than 2xx).</summary>
    GaveUp,

    /// <summary>Nothing (more) was sent: before a POST the URL's host was not on the allow-list, or callbacks were off.</summary>
    Refused,
}
