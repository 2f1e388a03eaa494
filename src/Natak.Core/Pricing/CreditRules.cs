using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>credits</c>: the formula and the output types in matching order.</summary>
internal sealed record CreditRules
{
    public required CreditFormula Formula { get; init; }

    [MinLength(1)]
    public required IReadOnlyDictionary<string, OutputType> OutputTypes { get; init; }
}
