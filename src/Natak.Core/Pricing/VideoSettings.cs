namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>video</c>.</summary>
public sealed record VideoSettings
{
    /// <summary>The size of the reference image generated as a start frame for a character.</summary>
    public required ImageSize ReferenceSize { get; init; }

    /// <summary>Which frame of a driving video the animate workaround starts from (<c>first</c>).</summary>
    public required string ExtractFrame { get; init; }
}
