namespace Natak.Tables.Credits;

/// <summary>Why credits are added to an account.</summary>
public enum CreditKind
{
    /// <summary>A pack bought by the user; the op key is <c>purchase:{paymentId}</c>.</summary>
    Purchase,

    /// <summary>Credits given by the platform (sign-up bonus, goodwill); the op key is <c>grant:{grantId}</c>.</summary>
    Grant,

    /// <summary>A manual correction in the user's favour, made by an operator.</summary>
    Adjust,
}
