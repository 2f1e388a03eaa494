namespace Natak.Tables.Credits;

/// <summary>
/// The claim of an outside id — a payment id, a grant id — for one credit to one account. The ledger fences op
/// keys per account; a claim makes the id unique across all accounts, so one payment can never credit two users.
/// </summary>
/// <param name="Kind">What the credit is (purchase or grant); ids of different kinds never collide.</param>
/// <param name="ExternalId">The payment id or grant id.</param>
/// <param name="UserId">The account the credit goes to.</param>
/// <param name="Credits">The amount credited.</param>
/// <param name="Detail">What was bought or why it was given: the pack key of a purchase, the reason of a grant.</param>
public sealed record CreditClaim(CreditKind Kind, string ExternalId, string UserId, long Credits, string Detail);
