using Natak.Tables.Credits;

namespace Natak.Api.Money;

/// <summary>
/// Purchases and grants, each applied exactly once per outside id across all accounts: claim the id
/// (<see cref="CreditClaimStore"/>), then credit the ledger with the claimed amount under the op key
/// <c>purchase:{paymentId}</c> / <c>grant:{grantId}</c>. Concurrent or repeated requests for one id all get the
/// same receipt; a request that reuses an id for something else is a conflict.
/// </summary>
public sealed class CreditIssuer(ICreditLedger ledger, CreditClaimStore claims)
{
    public Task<CreditIssue> PurchaseAsync(string userId, string pack, long credits, string paymentId, CancellationToken cancellationToken = default) =>
        IssueAsync(new CreditClaim(CreditKind.Purchase, paymentId, userId, credits, pack),
            // The pack's size may change in the catalogue; a retry of the same purchase still gets what was claimed first.
            (held, asked) => held.UserId == asked.UserId && held.Detail == asked.Detail,
            cancellationToken);

    public Task<CreditIssue> GrantAsync(string userId, long credits, string reason, string grantId, CancellationToken cancellationToken = default) =>
        IssueAsync(new CreditClaim(CreditKind.Grant, grantId, userId, credits, reason),
            (held, asked) => held == asked,
            cancellationToken);

    private async Task<CreditIssue> IssueAsync(CreditClaim claim, Func<CreditClaim, CreditClaim, bool> sameRequest, CancellationToken cancellationToken)
    {
        var held = await claims.ClaimAsync(claim, cancellationToken);
        if (!held.Created && !sameRequest(held.Claim, claim))
        {
            return new CreditIssue.Conflict();
        }

        var stored = held.Claim;
        var opKey = (stored.Kind == CreditKind.Purchase ? "purchase:" : "grant:") + stored.ExternalId;
        var result = await ledger.CreditAsync(stored.UserId, stored.Credits, stored.Kind, opKey, stored.ExternalId, stored.Detail, cancellationToken);
        return result switch
        {
            LedgerResult.Applied applied => new CreditIssue.Issued(stored, applied.Receipt, held.Created),

            // The account already used this op key for a different credit (written outside this path): refuse, change nothing.
            LedgerResult.IdempotencyConflict => new CreditIssue.Conflict(),
            _ => throw new InvalidOperationException($"Crediting {opKey} answered {result}."),
        };
    }
}
