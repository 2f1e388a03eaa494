using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natak.Core.Pricing;

/// <summary>
/// Turns catalogue JSON into <see cref="PricingCatalog"/> in three passes, each run only when the ones before found
/// nothing: the document is read by System.Text.Json into the catalogue records, strictly and with every problem
/// listed (<see cref="CatalogDeserializer"/>); the rules between members and sections are checked
/// (<see cref="CatalogChecks"/>); no output with fewer features is quoted more credits than the same output with
/// more (<see cref="PriceInversions"/>).
/// </summary>
internal static class CatalogReader
{
    /// <summary>Parses catalogue text as the reader accepts it (comments and trailing commas; no duplicate keys).</summary>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: CatalogJson.DocumentOptions);

    public static (PricingCatalog? Catalog, IReadOnlyList<string> Errors) Read(JsonNode? root)
    {
        var errors = new CatalogErrors();
        var document = CatalogDeserializer.Read(root, errors);
        if (document is null)
        {
            return (null, errors.All);
        }

        var catalog = new PricingCatalog(document);
        CatalogChecks.Run(catalog, errors);
        if (errors.Count == 0)
        {
            PriceInversions.Check(catalog, errors);
        }

        return errors.Count == 0 ? (catalog, []) : (null, errors.All);
    }
}
