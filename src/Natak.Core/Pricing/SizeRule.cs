using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>
/// The image sizes a model accepts: either bounds on each side (<c>minSide</c>, <c>maxSide</c>, <c>multipleOf</c>)
/// or an explicit list of sizes (<c>values</c>) — exactly one of the two — plus the size used when a request gives none.
/// </summary>
public sealed record SizeRule
{
    [Range(1, 100_000)]
    public int? MinSide { get; init; }

    [Range(1, 100_000)]
    public int? MaxSide { get; init; }

    [Range(1, 1024)]
    public int MultipleOf { get; init; } = 1;

    /// <summary>When not empty, exactly these sizes are accepted and there are no bounds.</summary>
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
