using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Natak.Assets;
using Natak.Core.Requests;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the asset project: <see cref="IAssetStore"/>, <see cref="SafeHttpFetcher"/>, their options, and the
/// <see cref="UrlPolicy"/> request validation applies (the fetcher's rules, with the same development allow-list).
/// </summary>
public static class AssetsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="R2Options"/> from section <c>R2</c> with <c>R2_ACCOUNT_ID</c>, <c>R2_ACCESS_KEY_ID</c>,
    /// <c>R2_SECRET_ACCESS_KEY</c>, <c>R2_BUCKET</c>, <c>R2_ENDPOINT</c> taking precedence, and
    /// <see cref="SafeFetchOptions"/> from section <c>SafeFetch</c>; both validated at start-up.
    /// </summary>
    public static IServiceCollection AddNatakAssets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<R2Options>()
            .Bind(configuration.GetSection(R2Options.SectionName))
            .Configure(options =>
            {
                options.AccountId = configuration["R2_ACCOUNT_ID"] is { Length: > 0 } accountId ? accountId : options.AccountId;
                options.AccessKeyId = configuration["R2_ACCESS_KEY_ID"] is { Length: > 0 } accessKeyId ? accessKeyId : options.AccessKeyId;
                options.SecretAccessKey = configuration["R2_SECRET_ACCESS_KEY"] is { Length: > 0 } secret ? secret : options.SecretAccessKey;
                options.Bucket = configuration["R2_BUCKET"] is { Length: > 0 } bucket ? bucket : options.Bucket;
                options.ServiceUrl = configuration["R2_ENDPOINT"] is { Length: > 0 } endpoint ? endpoint : options.ServiceUrl;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<R2Options>, R2OptionsValidator>());

        services.AddOptions<SafeFetchOptions>()
            .Bind(configuration.GetSection(SafeFetchOptions.SectionName))
            .Validate(o => o.MaxRedirects is >= 0 and <= 10, "SafeFetch:MaxRedirects must be between 0 and 10.")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero && o.ResponseTimeout > TimeSpan.Zero && o.ReadIdleTimeout > TimeSpan.Zero, "SafeFetch timeouts must be positive.")
            .Validate(o => o.AllowedDevelopmentHosts.All(h => !string.IsNullOrWhiteSpace(h) && !h.Contains('*', StringComparison.Ordinal)), "SafeFetch:AllowedDevelopmentHosts holds exact host names, no blanks or wildcards.")
            .ValidateOnStart();

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton<SafeHttpFetcher>();
        services.TryAddSingleton(sp => new UrlPolicy(sp.GetRequiredService<IOptions<SafeFetchOptions>>().Value.AllowedDevelopmentHosts));
        services.TryAddSingleton<AssetStore>();
        services.TryAddSingleton<IAssetStore>(sp => sp.GetRequiredService<AssetStore>());
        return services;
    }
}
