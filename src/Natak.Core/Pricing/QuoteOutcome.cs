using System.Diagnostics.CodeAnalysis;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>A quote, or the validation errors that prevented one.</summary>
public sealed record QuoteOutcome(ValidationErrors Errors, Quote? Quote, PipelinePlan? Plan)
{
    [MemberNotNullWhen(true, nameof(Quote), nameof(Plan))]
    public bool IsValid => Errors.IsValid && Quote is not null && Plan is not null;
}
