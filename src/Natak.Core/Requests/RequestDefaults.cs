using Natak.Core.Pricing;

namespace Natak.Core.Requests;

/// <summary>The values a request gets for what it leaves out — one place, so validation and planning agree.</summary>
internal static class RequestDefaults
{
    public static bool Given(string? value) => !string.IsNullOrWhiteSpace(value);

    public static string ImageModel(PricingCatalog catalog, ImageRequest request) => request.Model ?? catalog.Defaults.ImageModel;

    public static string VideoModel(PricingCatalog catalog, VideoRequest request) => request.Model ?? catalog.Defaults.VideoModel;

    public static string Rating(PricingCatalog catalog, string? rating) => rating ?? catalog.Defaults.Rating;

    public static ImageSize Size(CatalogModel model, ImageRequest request) =>
        request.Width is { } width && request.Height is { } height
            ? new ImageSize(width, height)
            : model.Parameters.Size?.Default ?? new ImageSize(1024, 1024);

    public static string Resolution(CatalogModel model, VideoRequest request) =>
        request.Resolution ?? model.Parameters.DefaultResolution ?? string.Empty;

    /// <summary>Seconds of video, or <c>null</c> when the model's length follows a driving video.</summary>
    public static int? Duration(CatalogModel model, VideoRequest request) =>
        model.Parameters.DrivingVideo ? null : request.DurationSeconds ?? model.Parameters.DefaultDuration;

    public static string Quality(PricingCatalog catalog, CharacterRequest request) => request.Quality ?? catalog.Character.DefaultQuality;

    public static int TrainingSteps(PricingCatalog catalog, CharacterRequest request) =>
        request.Steps ?? catalog.Character.Quality.GetValueOrDefault(Quality(catalog, request));

    /// <summary>The given trigger word, else the name's ASCII letters and digits in upper case (<c>Maya</c> → <c>MAYA</c>).</summary>
    public static string TriggerWord(CharacterRequest request) =>
        request.TriggerWord ?? new string([.. (request.Name ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);

    /// <summary>A clothing change of a given photo: segment and inpaint it, no prompt.</summary>
    public static bool ChangesOutfitOfSource(ImageRequest request) => request.SourceImageUrl is not null && request.Outfit is not null;

    public static string OutfitSegment(PricingCatalog catalog, OutfitOptions outfit) =>
        Given(outfit.Segment) ? outfit.Segment! : catalog.Defaults.OutfitSegment;
}
