namespace Natak.Api.Money;

/// <summary>
/// <c>GET /api/admin/costs</c>: what providers were paid and what was charged in [<see cref="From"/>,
/// <see cref="To"/>), with margins at every pack by output type, provider and model, every loss listed in
/// <see cref="NegativeMargins"/>, and the monthly forecast. <see cref="UnattributedCredits"/> are credits of jobs
/// whose provider spend falls outside the period (a job that started before <see cref="From"/>): they count in the
/// totals and output types, not in the provider and model rows. <see cref="Payments"/> is the revenue of the card
/// payments made in the period, net of their refunds and disputes.
/// </summary>
public sealed record CostReport(
    DateTimeOffset From,
    DateTimeOffset To,
    CostRow Total,
    IReadOnlyList<CostRow> ByOutputType,
    IReadOnlyList<CostRow> ByProvider,
    IReadOnlyList<CostRow> ByModel,
    decimal UnattributedCredits,
    IReadOnlyList<NegativeMargin> NegativeMargins,
    IReadOnlyList<ForecastAtVolume> Forecast,
    IReadOnlyList<SkippedForecastLine> ForecastSkipped,
    PaymentRevenue Payments);
