namespace Natak.Simulator;

/// <summary>The base URLs Natak's provider settings take when they point at the simulator (no trailing slash).</summary>
/// <param name="FalQueueBaseUrl">Stands in for <c>https://queue.fal.run</c>.</param>
/// <param name="FalRestBaseUrl">Stands in for <c>https://rest.fal.ai</c>.</param>
/// <param name="FalJwksUrl">Stands in for <c>https://rest.fal.ai/.well-known/jwks.json</c>.</param>
/// <param name="FalCdnBaseUrl">Where fal output files are served (stands in for <c>https://v3.fal.media</c>).</param>
/// <param name="WaveSpeedBaseUrl">Stands in for <c>https://api.wavespeed.ai</c>.</param>
/// <param name="XaiBaseUrl">Stands in for <c>https://api.x.ai</c>.</param>
/// <param name="ControlBaseUrl">The simulator's own control API (<c>/_sim</c>).</param>
/// <param name="StripeApiBaseUrl">Stands in for <c>https://api.stripe.com</c> (Stripe.net's api base).</param>
public sealed record SimulatorEndpoints(
    string FalQueueBaseUrl,
    string FalRestBaseUrl,
    string FalJwksUrl,
    string FalCdnBaseUrl,
    string WaveSpeedBaseUrl,
    string XaiBaseUrl,
    string ControlBaseUrl,
    string StripeApiBaseUrl)
{
    /// <summary>The endpoints of a simulator reachable at <paramref name="baseUrl"/>.</summary>
    public static SimulatorEndpoints For(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var b = baseUrl.ToString().TrimEnd('/');
        return new SimulatorEndpoints(
            FalQueueBaseUrl: b + "/fal/queue",
            FalRestBaseUrl: b + "/fal/rest",
            FalJwksUrl: b + "/fal/rest/.well-known/jwks.json",
            FalCdnBaseUrl: b + "/fal/cdn",
            WaveSpeedBaseUrl: b + "/wavespeed",
            XaiBaseUrl: b + "/xai",
            ControlBaseUrl: b + "/_sim",
            StripeApiBaseUrl: b + "/stripe");
    }
}
