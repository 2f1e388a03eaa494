using Natak.Core.Pricing;
using Natak.Tables.Payments;
using Natak.Tables.Spend;

namespace Natak.Api.Money;

/// <summary>
/// Builds the cost report from the <c>Spend</c> table: provider rows (what each paid step cost) and charge rows
/// (the credits a job captured), grouped by output type, provider and model, valued at every pack's price per
/// credit; the revenue of the period's card payments from the <c>Payments</c> table; plus the monthly forecast.
/// </summary>
public sealed class CostReporter(SpendStore spend, PaymentStore payments, PricingCatalog catalog, MarginCalculator margins, QuoteEngine quotes, Forecast forecast)
{
    private const int CreditDecimals = 6;

    public async Task<CostReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<long> volumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        var jobs = new Dictionary<string, JobSpend>(StringComparer.Ordinal);
        await foreach (var row in spend.QueryAsync(from, to, cancellationToken))
        {
            if (!jobs.TryGetValue(row.JobId, out var job))
            {
                jobs[row.JobId] = job = new JobSpend(row.OutputType);
            }

            job.Add(row);
        }

        var byType = margins.Calculate(jobs.Values
            .GroupBy(j => j.OutputType, StringComparer.Ordinal)
            .Select(g => new CostAggregate(g.Key, null, null, g.Sum(j => j.SpendUsd), g.Sum(j => j.Credits), g.Sum(j => j.Outputs))));
        var types = byType.ByOutputType
            .OrderBy(r => TypeOrder(r.Aggregate.OutputType))
            .ThenBy(r => r.Aggregate.OutputType, StringComparer.Ordinal)
            .Select(r => new CostRow(r.Aggregate.OutputType, null, null, r.Aggregate.SpendUsd, r.Aggregate.Credits, r.Aggregate.Outputs, r.Margins))
            .ToList();
        var total = new CostRow(null, null, null, byType.Total.Aggregate.SpendUsd, byType.Total.Aggregate.Credits, byType.Total.Aggregate.Outputs, byType.Total.Margins);

        var providers = new Dictionary<string, Share>(StringComparer.Ordinal);
        var models = new Dictionary<(string Provider, string Model), Share>();
        var unattributed = 0m;
        foreach (var job in jobs.Values)
        {
            if (job.SpendUsd == 0)
            {
                unattributed += job.Credits;
                continue;
            }

            foreach (var ((provider, model), cost) in job.Costs)
            {
                var credits = job.Credits * cost / job.SpendUsd;
                Add(providers, provider, cost, credits);
                Add(models, (provider, model), cost, credits);
            }
        }

        var byProvider = providers.Select(p => Row(null, p.Key, null, p.Value)).OrderByDescending(r => r.SpendUsd).ThenBy(r => r.Provider, StringComparer.Ordinal).ToList();
        var byModel = models.Select(m => Row(null, m.Key.Provider, m.Key.Model, m.Value)).OrderByDescending(r => r.SpendUsd).ThenBy(r => r.Model, StringComparer.Ordinal).ToList();
        var negative = Losses("total", [total]).Concat(Losses("outputType", types)).Concat(Losses("provider", byProvider)).Concat(Losses("model", byModel)).ToList();
        var (forecastRows, skipped) = Forecast(volumes);
        var paid = new List<PaymentRecord>();
        await foreach (var payment in payments.QueryPaidAsync(from, to, cancellationToken))
        {
            paid.Add(payment);
        }

        return new CostReport(from, to, total, types, byProvider, byModel, unattributed, negative, forecastRows, skipped, PaymentRevenue.From(paid));
    }

    private (IReadOnlyList<ForecastAtVolume> Rows, IReadOnlyList<SkippedForecastLine> Skipped) Forecast(IReadOnlyList<long> volumes)
    {
        var skipped = new List<SkippedForecastLine>();
        var outputs = new List<(string Name, Natak.Core.Requests.IMediaRequest Request)>();
        foreach (var output in ForecastDefaults.Outputs)
        {
            var quote = quotes.Quote(output.Request);
            if (quote.IsValid)
            {
                outputs.Add(output);
            }
            else
            {
                skipped.Add(new SkippedForecastLine(output.Name, quote.Errors.ToDictionary()));
            }
        }

        var rows = volumes
            .Select(volume => (volume, report: forecast.Monthly(outputs.Select(o => new ForecastLine(o.Name, o.Request, volume)))))
            .Select(r => new ForecastAtVolume(r.volume, r.report.Lines, r.report.CostUsd, r.report.Credits, r.report.Margins))
            .ToList();
        return (rows, skipped);
    }

    private CostRow Row(string? outputType, string? provider, string? model, Share share)
    {
        var credits = Math.Round(share.Credits, CreditDecimals, MidpointRounding.AwayFromZero);
        return new CostRow(outputType, provider, model, share.SpendUsd, credits, null, margins.Margins(share.SpendUsd, credits));
    }

    private static IEnumerable<NegativeMargin> Losses(string group, IEnumerable<CostRow> rows) =>
        rows.SelectMany(row => row.Margins.Where(m => m.IsNegative)
            .Select(m => new NegativeMargin(group, row.OutputType, row.Provider, row.Model, m.Pack, m.RevenueUsd, m.MarginUsd)));

    private static void Add<TKey>(Dictionary<TKey, Share> shares, TKey key, decimal cost, decimal credits)
        where TKey : notnull
    {
        var share = shares.GetValueOrDefault(key);
        shares[key] = new Share(share.SpendUsd + cost, share.Credits + credits);
    }

    private int TypeOrder(string outputType)
    {
        for (var i = 0; i < catalog.OutputTypes.Count; i++)
        {
            if (string.Equals(catalog.OutputTypes[i].Key, outputType, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private readonly record struct Share(decimal SpendUsd, decimal Credits);

    /// <summary>One job's rows in the period: provider spend by (provider, model), and the credits it was charged.</summary>
    private sealed class JobSpend(string outputType)
    {
        public string OutputType => outputType;

        public Dictionary<(string Provider, string Model), decimal> Costs { get; } = [];

        public decimal SpendUsd { get; private set; }

        public long Credits { get; private set; }

        public long Outputs { get; private set; }

        public void Add(SpendRecord row)
        {
            if (row.CreditsCharged is { } credits)
            {
                // The job's charge row: credits captured, and in Units the outputs they paid for.
                Credits += credits;
                Outputs += (long)row.Units;
                return;
            }

            var key = (row.Provider, row.Model);
            Costs[key] = Costs.GetValueOrDefault(key) + row.CostUsd;
            SpendUsd += row.CostUsd;
        }
    }
}
