using System.Globalization;
using System.Text.Json.Nodes;

namespace Natak.Benchmarks.Burst;

/// <summary>
/// The burst's knobs: <c>--jobs</c> (100), <c>--users</c> (10), <c>--kind basic|premium</c> (basic: a prompt on
/// z-image-turbo, one paid step; premium: generate, segment, inpaint the outfit, upscale — four), <c>--latency-ms</c>
/// of each provider job (0), <c>--poll-ms</c> of the clients' status reads (250), <c>--single-runs</c> (5),
/// <c>--idle-s</c> measured before the burst (5), <c>--refuse-submits</c> percent of fal submits refused with 429 or
/// a retryable 503 and nothing created (0), <c>--drop-webhooks</c> percent (0), <c>--r2-outage-s</c> (0) starting
/// <c>--r2-outage-at-s</c> into the burst (2), <c>--top</c> request categories listed (12).
/// </summary>
internal sealed record BurstOptions(
    int Jobs,
    int Users,
    string Kind,
    TimeSpan Latency,
    TimeSpan Poll,
    int SingleRuns,
    TimeSpan Idle,
    int RefuseSubmitsPercent,
    int DropWebhooksPercent,
    TimeSpan R2Outage,
    TimeSpan R2OutageAt,
    int TopCategories)
{
    public static BurstOptions From(BenchmarkArgs args)
    {
        var kind = args.String("kind", "basic");
        if (kind is not ("basic" or "premium"))
        {
            throw new ArgumentException("--kind must be basic or premium");
        }

        return new BurstOptions(
            args.Int("jobs", 100),
            Math.Max(1, args.Int("users", 10)),
            kind,
            TimeSpan.FromMilliseconds(args.Int("latency-ms", 0)),
            TimeSpan.FromMilliseconds(Math.Max(10, args.Int("poll-ms", 250))),
            args.Int("single-runs", 5),
            TimeSpan.FromSeconds(args.Int("idle-s", 5)),
            args.Int("refuse-submits", 0),
            args.Int("drop-webhooks", 0),
            TimeSpan.FromSeconds(args.Int("r2-outage-s", 0)),
            TimeSpan.FromSeconds(args.Int("r2-outage-at-s", 2)),
            args.Int("top", 12));
    }

    /// <summary>The paid provider calls one job makes.</summary>
    public int PaidStepsPerJob => Kind == "premium" ? 4 : 1;

    /// <summary>The faults in words, for the report.</summary>
    public IReadOnlyList<string> Faults
    {
        get
        {
            var faults = new List<string>();
            if (RefuseSubmitsPercent > 0)
            {
                faults.Add(string.Create(CultureInfo.InvariantCulture, $"{RefuseSubmitsPercent}% of fal submits refused (half 429, half 503), nothing created"));
            }

            if (DropWebhooksPercent > 0)
            {
                faults.Add(string.Create(CultureInfo.InvariantCulture, $"{DropWebhooksPercent}% of webhooks dropped"));
            }

            if (R2Outage > TimeSpan.Zero)
            {
                faults.Add(string.Create(CultureInfo.InvariantCulture, $"R2 unreachable for {R2Outage.TotalSeconds:F0} s from {R2OutageAt.TotalSeconds:F0} s into the burst"));
            }

            return faults;
        }
    }

    /// <summary>The body of POST /api/images.</summary>
    public JsonObject Request() => Kind == "premium"
        ? new JsonObject
        {
            ["prompt"] = "a woman walking through a market at dusk",
            ["outfit"] = new JsonObject { ["description"] = "a red summer dress" },
            ["upscale"] = 2,
        }
        : new JsonObject { ["prompt"] = "a lighthouse at dawn" };
}
