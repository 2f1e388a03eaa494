using System.Globalization;
using Microsoft.AspNetCore.Http;
using Natak.Api.Http;

namespace Natak.Api.Money;

/// <summary><c>GET /api/admin/costs?from=&amp;to=&amp;volumes=</c> (admin): the cost and margin report.</summary>
internal static class CostsHandlers
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    public const int MaxVolumes = 12;
    public const long MaxVolume = 10_000_000;

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static async Task<IResult> GetCosts(ApiRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var to = Instant(request, "to", errors) ?? request.Service<TimeProvider>().GetUtcNow();
        var from = Instant(request, "from", errors) ?? to.AddDays(-DefaultDays);
        var volumes = Volumes(request.Query("volumes"), errors);
        if (errors.Count == 0 && from >= to)
        {
            errors["from"] = ["from must be before to."];
        }
        else if (errors.Count == 0 && to - from > TimeSpan.FromDays(MaxDays))
        {
            errors["to"] = [$"The period must not exceed {MaxDays} days."];
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation(errors));
        }

        var report = await request.Service<CostReporter>().ReportAsync(from, to, volumes, request.Aborted);
        return TypedResults.Json(report, NatakJson.Options);
    }

    /// <summary>An ISO 8601 date (midnight UTC) or date-time (UTC unless it carries an offset).</summary>
    private static DateTimeOffset? Instant(ApiRequest request, string name, Dictionary<string, string[]> errors)
    {
        if (request.Query(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) && value.Year is >= 1970 and <= 9000)
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z) between the years 1970 and 9000."];
        return null;
    }

    private static IReadOnlyList<long> Volumes(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return ForecastDefaults.Volumes;
        }

        var parts = text.Split(',');
        var volumes = new List<long>(parts.Length);
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var volume) || volume is < 1 or > MaxVolume)
            {
                volumes.Clear();
                break;
            }

            volumes.Add(volume);
        }

        if (volumes.Count is 0 or > MaxVolumes)
        {
            errors["volumes"] = [$"volumes must be 1-{MaxVolumes} comma-separated whole numbers from 1 to {MaxVolume} (monthly outputs)."];
        }

        return volumes;
    }
}
