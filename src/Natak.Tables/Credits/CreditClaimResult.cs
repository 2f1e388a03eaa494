namespace Natak.Tables.Credits;

/// <summary>The claim held for an id: the one just written (<see cref="Created"/>), or the first one ever made for it.</summary>
public sealed record CreditClaimResult(CreditClaim Claim, bool Created);
