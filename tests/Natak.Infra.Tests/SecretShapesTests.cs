using System.Security.Cryptography;

namespace Natak.Infra.Tests;

// The secret scans are only as good as this detector: these prove it flags credential shapes and names,
// and leaves ordinary configuration alone. Credential-shaped samples are generated, never committed.
public sealed class SecretShapesTests
{
    public static TheoryData<string> CredentialShapes()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return new TheoryData<string>
        {
            Convert.ToBase64String(bytes),
            Convert.ToHexStringLower(bytes[..20]),
            "whsec_" + Convert.ToBase64String(bytes),
            "xai-" + Convert.ToHexString(bytes),
            Guid.NewGuid() + ":" + Convert.ToHexStringLower(bytes[..16]),
            "DefaultEndpointsProtocol=https;AccountName=natak;AccountKey=" + Convert.ToBase64String(bytes),
            "https://natak.blob.core.windows.net/c?sv=2022-11-02&sig=" + Uri.EscapeDataString(Convert.ToBase64String(bytes)),
        };
    }

    [Theory]
    [MemberData(nameof(CredentialShapes))]
    public void Credential_shaped_values_are_flagged(string value) =>
        Assert.True(SecretShapes.LooksLikeSecretValue(value), value);

    [Theory]
    [InlineData("https://queue.fal.run")]
    [InlineData("https://rest.fal.ai/.well-known/jwks.json")]
    [InlineData("managedidentity")]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    [InlineData("Microsoft.Web/sites/config")]
    [InlineData("Standard_ZRS")]
    [InlineData("natak-assets")]
    [InlineData("api://natak")]
    [InlineData("2024-04-01")]
    [InlineData("00:00:05")]
    [InlineData("%NatakTaskHub%")]
    public void Ordinary_configuration_values_are_not_flagged(string value) =>
        Assert.False(SecretShapes.LooksLikeSecretValue(value), value);

    [Theory]
    [InlineData("FAL_KEY")]
    [InlineData("WAVESPEED_KEY")]
    [InlineData("GROK_API_KEY")]
    [InlineData("R2_ACCESS_KEY_ID")]
    [InlineData("R2_SECRET_ACCESS_KEY")]
    [InlineData("Providers__Fal__ApiKey")]
    [InlineData("Providers__WaveSpeed__WebhookSecret")]
    [InlineData("Auth__SigningKey")]
    [InlineData("adminPassword")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("storageConnectionString")]
    [InlineData("apikey")]
    public void Secret_names_are_recognised(string name) =>
        Assert.True(SecretShapes.IsSecretName(name), name);

    [Theory]
    [InlineData("keyVaultUri")]
    [InlineData("keyVaultName")]
    [InlineData("keyVaultPurgeProtection")]
    [InlineData("keyVaultSecretNames")]
    [InlineData("AzureWebJobsStorage__accountName")]
    [InlineData("AzureWebJobsStorage__credential")]
    [InlineData("Providers__Fal__JwksUrl")]
    [InlineData("R2_ACCOUNT_ID")]
    [InlineData("NatakTaskHub")]
    [InlineData("operatorPrincipalId")]
    public void Names_that_point_at_or_describe_secrets_are_not_secrets(string name) =>
        Assert.False(SecretShapes.IsSecretName(name), name);
}
