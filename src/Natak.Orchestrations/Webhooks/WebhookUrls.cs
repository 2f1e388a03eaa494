using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Natak.Orchestrations.Webhooks;

/// <summary>
/// The webhook URL Natak hands a provider for one job step: it names the job and the step and carries a token
/// only Natak can compute (HMAC over provider, job and step). A delivery verified by the provider's signature
/// <em>and</em> carrying the right token goes to exactly that step; a genuine delivery for one job replayed
/// against another job's URL fails the token check. When the step is traced, the URL also carries its W3C
/// traceparent (<c>tp</c>, outside the token: it only links the delivery's span to the step).
/// </summary>
public sealed class WebhookUrls(IOptions<NatakOptions> options)
{
    public Uri For(string provider, string jobId, string step)
    {
        var baseUrl = options.Value.PublicBaseUrl.ToString().TrimEnd('/');
        var trace = Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? "&tp=" + id : "";
        return new Uri($"{baseUrl}/api/webhooks/{provider}?job={Uri.EscapeDataString(jobId)}&step={Uri.EscapeDataString(step)}&t={Token(provider, jobId, step)}{trace}");
    }

    public bool IsValid(string provider, string? jobId, string? step, string? token)
    {
        if (string.IsNullOrEmpty(jobId) || string.IsNullOrEmpty(step) || string.IsNullOrEmpty(token))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Token(provider, jobId, step));
        var actual = Encoding.ASCII.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private string Token(string provider, string jobId, string step)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.WebhookSigningKey);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"v1\n{provider}\n{jobId}\n{step}"));
        return Base64Url.EncodeToString(mac);
    }
}
