namespace Natak.Tables.Credits;

/// <summary>Settings of <see cref="CreditClaimStore"/>, bound from <c>Ledger:Claims</c>.</summary>
public sealed class CreditClaimStoreOptions
{
    public const string SectionName = "Ledger:Claims";

    public string TableName { get; set; } = "CreditClaims";
}
