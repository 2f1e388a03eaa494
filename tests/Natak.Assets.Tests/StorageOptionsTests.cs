using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Natak.Core.Requests;

namespace Natak.Assets.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void The_R2_environment_names_override_the_R2_section()
    {
        using var services = StorageFixture.BuildServices(new Dictionary<string, string?>
        {
            ["R2:Bucket"] = "from-section",
            ["R2:AccountId"] = "sectionaccount",
            ["R2:PresignedGetTtl"] = "01:00:00",
            ["R2_ACCOUNT_ID"] = "0123abcd",
            ["R2_ACCESS_KEY_ID"] = "key-id",
            ["R2_SECRET_ACCESS_KEY"] = "top-secret",
            ["R2_BUCKET"] = "natak-assets",
        });

        var options = services.GetRequiredService<IOptions<R2Options>>().Value;

        Assert.Equal(("0123abcd", "key-id", "top-secret", "natak-assets"), (options.AccountId, options.AccessKeyId, options.SecretAccessKey, options.Bucket));
        Assert.Equal(TimeSpan.FromHours(1), options.PresignedGetTtl);
        Assert.Equal(new Uri("https://0123abcd.r2.cloudflarestorage.com"), options.Endpoint);
        Assert.NotNull(services.GetRequiredService<IAssetStore>());
    }

    [Fact]
    public void R2_ENDPOINT_replaces_the_account_endpoint_for_s3rver()
    {
        using var services = StorageFixture.BuildServices(new Dictionary<string, string?>
        {
            ["R2_ENDPOINT"] = "http://127.0.0.1:4569",
            ["R2_ACCESS_KEY_ID"] = "S3RVER",
            ["R2_SECRET_ACCESS_KEY"] = "S3RVER",
            ["R2_BUCKET"] = "natak",
        });

        Assert.Equal(new Uri("http://127.0.0.1:4569"), services.GetRequiredService<IOptions<R2Options>>().Value.Endpoint);
    }

    [Fact]
    public void Missing_or_invalid_settings_fail_validation_with_messages_that_name_them_but_not_the_secret()
    {
        using var services = StorageFixture.BuildServices(new Dictionary<string, string?>
        {
            ["R2_SECRET_ACCESS_KEY"] = "do-not-print-me",
            ["R2_BUCKET"] = "Bad_Bucket",
            ["R2:PartSizeBytes"] = "1048576",
            ["R2:PresignedPutTtl"] = "8.00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<R2Options>>().Value);

        var message = string.Join("\n", error.Failures);
        Assert.Contains("R2_ACCOUNT_ID", message, StringComparison.Ordinal);
        Assert.Contains("R2_ACCESS_KEY_ID", message, StringComparison.Ordinal);
        Assert.Contains("R2_BUCKET", message, StringComparison.Ordinal);
        Assert.Contains("PartSizeBytes", message, StringComparison.Ordinal);
        Assert.Contains("PresignedPutTtl", message, StringComparison.Ordinal);
        Assert.DoesNotContain("R2_SECRET_ACCESS_KEY", message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-print-me", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_allow_list_binds_from_the_SafeFetch_section()
    {
        using var services = StorageFixture.BuildServices(new Dictionary<string, string?>
        {
            ["SafeFetch:AllowedDevelopmentHosts:0"] = "localhost",
            ["SafeFetch:AllowedDevelopmentHosts:1"] = "127.0.0.1",
            ["SafeFetch:MaxRedirects"] = "2",
        });

        var options = services.GetRequiredService<IOptions<SafeFetchOptions>>().Value;

        Assert.Equal(["localhost", "127.0.0.1"], options.AllowedDevelopmentHosts);
        Assert.Equal(2, options.MaxRedirects);
        var urls = services.GetRequiredService<UrlPolicy>();
        Assert.Null(urls.Problem(new Uri("http://localhost:7080/x.png")));
        Assert.NotNull(urls.Problem(new Uri("http://example.com/x.png")));
    }
}
