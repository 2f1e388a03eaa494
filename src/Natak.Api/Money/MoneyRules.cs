using System.Text.RegularExpressions;
using Natak.Assets;

namespace Natak.Api.Money;

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

    /// <summary>What a user id must be: the rule the authenticator applies to a token's <c>sub</c>.</summary>
    public const string UserIdRule = "userId is required: " + AssetKeys.IdRule + ".";

    /// <summary>A user id a token could carry: it keys the user's ledger partition and R2 folder.</summary>
    public static bool IsUserId(string? value) => AssetKeys.IsValidId(value);

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
