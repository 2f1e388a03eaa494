using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Natak.Api.Characters;

/// <summary>The services behind the characters routes; part of <c>AddNatakApi</c>.</summary>
internal static class CharacterServiceCollectionExtensions
{
    public static IServiceCollection AddNatakCharacters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CharacterOptions>()
            .Bind(configuration.GetSection(CharacterOptions.SectionName))
            .Validate(o => o.ImageCheckTimeout >= TimeSpan.FromSeconds(1) && o.ImageCheckTimeout <= TimeSpan.FromMinutes(1),
                "Characters:ImageCheckTimeout must be between 1 second and 1 minute (the client waits for it).")
            .Validate(o => o.MaxParallelImageChecks is >= 1 and <= 30, "Characters:MaxParallelImageChecks must be 1–30.")
            .ValidateOnStart();
        services.AddSingleton<TrainingImageChecker>();
        services.AddSingleton<CharacterStart>();
        return services;
    }
}
