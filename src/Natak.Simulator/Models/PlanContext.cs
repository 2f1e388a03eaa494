using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>A validated input plus what was learnt from its files, with typed readers for the plan functions.</summary>
internal sealed record PlanContext(string ModelId, JsonObject Input, IReadOnlyDictionary<string, MediaFacts> Facts, int FallbackSeed)
{
    public string? Str(string name) => Input[name] is { } v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public double? Number(string name) => Input[name] is { } v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    public int Int(string name, int fallback) => Number(name) is { } n ? (int)n : fallback;

    public bool Bool(string name, bool fallback) => Input[name] is { } v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : fallback;

    /// <summary>The request's seed, or one drawn from the simulator's seeded source (fal returns a random one).</summary>
    public long Seed => Number("seed") is { } s ? (long)s : FallbackSeed;

    public MediaFacts? FactsOf(string field) => Facts.TryGetValue(field, out var facts) ? facts : null;

    /// <summary>A "5"/"10"/"8s" style duration as seconds.</summary>
    public double StringSeconds(string name, double fallback) =>
        Str(name) is { } text && double.TryParse(text.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : fallback;
}
