using System.Text.RegularExpressions;

namespace Natak.Workflows.Money;

/// <summary>The input rules of the money routes, shared by their validators.</summary>
internal static partial class MoneyRules
{
    public const int MaxIdLength = 128;
    public const int MaxReasonLength = 200;

    /// <summary>The largest single grant: 50 agency packs. Bigger gifts are several grants, each with its own id and reason.</summary>
    public const long MaxGrantCredits = 100_000;

    public const string IdRule = "must be 1-128 characters: letters, digits and . _ : - (starting with a letter or digit)";

    /// <summary>A payment or grant id: the shapes payment providers use (<c>pi_3N…</c>, <c>ch_…</c>, UUIDs).</summary>
    public static bool IsOutsideId(string? value) => value is not null && OutsideId().IsMatch(value);

    /// <summary>A user id as tokens carry it (<c>sub</c>, ≤ 128) that can also key the user's ledger partition.</summary>
    public static bool IsUserId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxIdLength && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public static void Require(Dictionary<string, string[]> errors, string field, bool valid, string message)
    {
        if (!valid)
        {
            errors[field] = [message];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideId();
}
