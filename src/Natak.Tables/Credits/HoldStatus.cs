namespace Natak.Tables.Credits;

/// <summary>The life of a hold: it is created <see cref="Pending"/> and ends in exactly one of the other states.</summary>
public enum HoldStatus
{
    Pending,
    Captured,
    Released,
    Expired,
}
