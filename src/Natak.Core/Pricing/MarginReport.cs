namespace Natak.Core.Pricing;

/// <summary>Margins per input row, per output type (rows summed) and in total, each at every pack's price.</summary>
public sealed record MarginReport(IReadOnlyList<MarginRow> Rows, IReadOnlyList<MarginRow> ByOutputType, MarginRow Total)
{
    /// <summary>Every (output type, pack) that loses money — what the cost report flags.</summary>
    public IEnumerable<(string OutputType, PackMargin Margin)> NegativeMargins =>
        ByOutputType.SelectMany(row => row.Margins.Where(m => m.IsNegative).Select(m => (row.Aggregate.OutputType, m)));
}
