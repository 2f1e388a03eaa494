namespace Natak.Providers.WaveSpeed;

/// <summary>The signature headers of a WaveSpeed webhook.</summary>
/// <param name="Id"><c>webhook-id</c>.</param>
/// <param name="Timestamp"><c>webhook-timestamp</c> (unix seconds).</param>
/// <param name="Signature"><c>webhook-signature</c>: <c>v3,&lt;hex&gt;</c> (several may be space-separated).</param>
public sealed record WaveSpeedWebhookHeaders(string? Id, string? Timestamp, string? Signature)
{
    /// <summary>Header name of <see cref="Id"/>.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>Header name of <see cref="Timestamp"/>.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>Header name of <see cref="Signature"/>.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>Reads the headers through a case-insensitive lookup, e.g. <c>name => request.Headers[name].FirstOrDefault()</c>.</summary>
    public static WaveSpeedWebhookHeaders From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new(header(IdHeader), header(TimestampHeader), header(SignatureHeader));
    }
}
