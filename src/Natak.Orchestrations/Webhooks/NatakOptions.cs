using System.ComponentModel.DataAnnotations;

namespace Natak.Orchestrations.Webhooks;

/// <summary>Platform settings (section <c>Natak</c>).</summary>
public sealed class NatakOptions
{
    public const string SectionName = "Natak";

    /// <summary>
    /// The base URL providers can reach Natak at (webhooks land on <c>{PublicBaseUrl}/api/webhooks/{provider}</c>).
    /// Locally the simulator calls the dev host on loopback.
    /// </summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>HMAC key for the per-step token in webhook URLs (≥ 32 bytes). A development default exists; set a secret in Azure.</summary>
    [Required]
    [MinLength(32)]
    public string WebhookSigningKey { get; set; } = DevelopmentWebhookSigningKey;

    public const string DevelopmentWebhookSigningKey = "natak-development-webhook-key--not-a-secret--do-not-deploy";
}
