using Natak.Tables.Credits;

namespace Natak.Api.Money;

/// <summary>The outcome of a purchase or grant.</summary>
public abstract record CreditIssue
{
    private CreditIssue()
    {
    }

    /// <summary>The credit is applied. <see cref="First"/> is true for the request that recorded it, false for repeats.</summary>
    public sealed record Issued(CreditClaim Claim, LedgerReceipt Receipt, bool First) : CreditIssue;

    /// <summary>The id already belongs to a different credit (another user, pack, amount or reason); nothing changed.</summary>
    public sealed record Conflict : CreditIssue;
}
