using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>
/// The image sizes a model accepts: either bounds on each side (<c>minSide</c>, <c>maxSide</c>, <c>multipleOf</c>)
/// or an explicit list of sizes (<c>values</c>), plus the size used when a request gives none.
/// </summary>
public sealed record SizeRule
{
    public int MinSide { get; init; }

    public int MaxSide { get; init; }

    public int MultipleOf { get; init; } = 1;

    /// <summary>When not empty, exactly these sizes are accepted and the bounds are ignored.</summary>
    public IReadOnlyList<ImageSize> Values { get; init; } = [];

    public required ImageSize Default { get; init; }

    public bool AllowsSide(int side) => side >= MinSide && side <= MaxSide && side % MultipleOf == 0;

    public bool Allows(ImageSize size) =>
        Values.Count > 0 ? Values.Contains(size) : AllowsSide(size.Width) && AllowsSide(size.Height);

    /// <summary>The accepted values in words, for validation messages.</summary>
    public string Describe() => Values.Count > 0
        ? "one of: " + string.Join(", ", Values)
        : MultipleOf > 1
            ? string.Create(CultureInfo.InvariantCulture, $"between {MinSide} and {MaxSide} and a multiple of {MultipleOf}")
            : string.Create(CultureInfo.InvariantCulture, $"between {MinSide} and {MaxSide}");
}
