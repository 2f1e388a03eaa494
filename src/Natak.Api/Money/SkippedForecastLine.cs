namespace Natak.Api.Money;

/// <summary>A forecast output the current catalogue cannot quote (e.g. its model was removed by a patch), with why.</summary>
public sealed record SkippedForecastLine(string Name, IReadOnlyDictionary<string, string[]> Errors);
