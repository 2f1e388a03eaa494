namespace Natak.Core.Jobs;

/// <summary>The money side of a job, in credits: held, captured, and given back.</summary>
public sealed record JobCredits(long Reserved, long Charged, long Refunded)
{
    public static readonly JobCredits None = new(0, 0, 0);
}
