namespace Natak.Core.Pricing;

/// <summary>The pricing catalogue failed validation; <see cref="Errors"/> lists every problem with its JSON path.</summary>
public sealed class InvalidPricingCatalogException : Exception
{
    public InvalidPricingCatalogException(IReadOnlyList<string> errors)
        : base("The pricing catalogue is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
