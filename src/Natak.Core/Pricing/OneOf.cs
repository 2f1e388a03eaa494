namespace Natak.Core.Pricing;

/// <summary>
/// The "exactly one of" rule for a catalogue object: of several alternatives — single members or groups of members —
/// exactly one is given (an output type has a fixed price or the formula; a size rule a list or bounds; a price the
/// members of one unit).
/// </summary>
internal static class OneOf
{
    /// <summary>The index of the one alternative given; otherwise reports which were given at <paramref name="path"/> and returns null.</summary>
    public static int? Check(CatalogErrors errors, string path, params (string Name, bool Given)[] alternatives)
    {
        var given = alternatives.Where(a => a.Given).Select(a => a.Name).ToList();
        if (given.Count == 1)
        {
            return Array.FindIndex(alternatives, a => a.Given);
        }

        var names = string.Join(", ", alternatives.Select(a => a.Name));
        errors.Add(path, given.Count == 0
            ? $"needs exactly one of: {names} (got none)"
            : $"needs exactly one of: {names} (got {string.Join(" and ", given)})");
        return null;
    }
}
