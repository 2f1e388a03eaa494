using Microsoft.Extensions.Options;

namespace Natak.Assets;

/// <summary>Start-up validation of <see cref="R2Options"/>; messages name settings, never their secret values.</summary>
internal sealed class R2OptionsValidator : IValidateOptions<R2Options>
{
    private static readonly TimeSpan MaxPresignTtl = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, R2Options options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            if (string.IsNullOrWhiteSpace(options.AccountId))
            {
                failures.Add("R2_ACCOUNT_ID (R2:AccountId) is required unless R2_ENDPOINT (R2:ServiceUrl) is set.");
            }
            else if (!options.AccountId.All(char.IsAsciiLetterOrDigit))
            {
                failures.Add("R2_ACCOUNT_ID (R2:AccountId) must contain only letters and digits.");
            }
        }
        else if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
            || endpoint.AbsolutePath != "/" || !string.IsNullOrEmpty(endpoint.Query))
        {
            failures.Add("R2_ENDPOINT (R2:ServiceUrl) must be an absolute http(s) URL without a path, e.g. http://127.0.0.1:4569.");
        }

        if (string.IsNullOrWhiteSpace(options.AccessKeyId))
        {
            failures.Add("R2_ACCESS_KEY_ID (R2:AccessKeyId) is required.");
        }

        if (string.IsNullOrWhiteSpace(options.SecretAccessKey))
        {
            failures.Add("R2_SECRET_ACCESS_KEY (R2:SecretAccessKey) is required.");
        }

        if (!IsBucketName(options.Bucket))
        {
            failures.Add("R2_BUCKET (R2:Bucket) is required: 3-63 lowercase letters, digits and hyphens.");
        }

        CheckTtl(failures, nameof(R2Options.PresignedGetTtl), options.PresignedGetTtl);
        CheckTtl(failures, nameof(R2Options.PresignedPutTtl), options.PresignedPutTtl);
        if (options.PresignedGetWindow < TimeSpan.FromSeconds(1) || options.PresignedGetWindow.Ticks % TimeSpan.TicksPerSecond != 0
            || options.PresignedGetTtl + options.PresignedGetWindow > MaxPresignTtl)
        {
            failures.Add($"R2:{nameof(R2Options.PresignedGetWindow)} must be whole seconds, at least 1 second, and with R2:{nameof(R2Options.PresignedGetTtl)} at most 7 days.");
        }

        if (options.PartSizeBytes is < R2Options.MinPartSizeBytes or > R2Options.MaxPartSizeBytes)
        {
            failures.Add($"R2:{nameof(R2Options.PartSizeBytes)} must be between 5 MiB and 512 MiB.");
        }

        if (options.MaxUploadBytes <= 0)
        {
            failures.Add($"R2:{nameof(R2Options.MaxUploadBytes)} must be positive.");
        }

        if (options.MaxCopyBytes <= 0)
        {
            failures.Add($"R2:{nameof(R2Options.MaxCopyBytes)} must be positive.");
        }

        if (options.ListPageSize is < 1 or > 1000)
        {
            failures.Add($"R2:{nameof(R2Options.ListPageSize)} must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckTtl(List<string> failures, string name, TimeSpan ttl)
    {
        if (ttl < TimeSpan.FromSeconds(1) || ttl > MaxPresignTtl)
        {
            failures.Add($"R2:{name} must be between 1 second and 7 days.");
        }
    }

    private static bool IsBucketName(string? bucket) =>
        bucket is { Length: >= 3 and <= 63 }
        && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && bucket[0] != '-' && bucket[^1] != '-';
}
