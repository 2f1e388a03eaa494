using System.Globalization;

namespace Natak.Providers.Webhooks;

/// <summary>The replay window both providers' webhooks share.</summary>
internal static class WebhookTimestamps
{
    /// <summary>Null when <paramref name="value"/> (unix seconds) is within <paramref name="tolerance"/> of now; otherwise why not.</summary>
    public static (WebhookRejectReason Reason, string Detail)? Check(string value, TimeProvider timeProvider, TimeSpan tolerance)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (WebhookRejectReason.MalformedTimestamp, "the timestamp is not unix seconds");
        }

        var skew = timeProvider.GetUtcNow().ToUnixTimeSeconds() - seconds;
        return Math.Abs(skew) > tolerance.TotalSeconds
            ? (WebhookRejectReason.TimestampOutOfTolerance, $"the timestamp is {skew} s from now (tolerance {tolerance.TotalSeconds} s)")
            : null;
    }
}
