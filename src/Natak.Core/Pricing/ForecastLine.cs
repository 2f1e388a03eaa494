using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>A monthly volume of outputs like <see cref="Request"/> (cost breakdown §8: "10,000 premium images").</summary>
public sealed record ForecastLine(string Name, IMediaRequest Request, long MonthlyOutputs);
