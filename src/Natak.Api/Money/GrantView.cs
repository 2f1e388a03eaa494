namespace Natak.Api.Money;

/// <summary>A recorded grant; every repeat of the same grant answers this same body.</summary>
public sealed record GrantView(string GrantId, string UserId, long Credits, string Reason, long Seq, CreditsView BalanceAfter, DateTimeOffset AppliedAt);
