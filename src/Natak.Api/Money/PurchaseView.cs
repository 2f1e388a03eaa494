namespace Natak.Api.Money;

/// <summary>
/// A recorded purchase: what was credited, the journal row that did it and the account right after. Every repeat
/// of the same purchase answers this same body.
/// </summary>
public sealed record PurchaseView(string PaymentId, string UserId, string Pack, long Credits, long Seq, CreditsView BalanceAfter, DateTimeOffset AppliedAt);
