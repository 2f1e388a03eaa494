using Microsoft.Extensions.Configuration;
using Natak.Core.Pricing;

namespace Natak.Orchestrations.Hosting;

/// <summary>
/// Loads the pricing catalogue at start-up: the embedded default, patched by <c>Pricing:CatalogPatch</c> (an
/// RFC 7386 merge patch as a JSON string) or <c>Pricing:CatalogPatchFile</c> (a path). A broken catalogue
/// stops the host with every problem listed — prices are never guessed.
/// </summary>
public static class PricingCatalogLoader
{
    public static PricingCatalog Load(IConfiguration configuration, string contentRoot)
    {
        var patch = configuration["Pricing:CatalogPatch"];
        if (string.IsNullOrWhiteSpace(patch) && configuration["Pricing:CatalogPatchFile"] is { Length: > 0 } file)
        {
            patch = File.ReadAllText(Path.IsPathRooted(file) ? file : Path.Combine(contentRoot, file));
        }

        return PricingCatalog.LoadDefault(string.IsNullOrWhiteSpace(patch) ? null : patch);
    }
}
