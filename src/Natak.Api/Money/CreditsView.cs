using Natak.Tables.Credits;

namespace Natak.Api.Money;

/// <summary>
/// <c>GET /api/credits</c>: credits owned (<see cref="Balance"/>), held by running jobs (<see cref="Reserved"/>),
/// and free for a new job (<see cref="Available"/> = balance − reserved).
/// </summary>
public sealed record CreditsView(long Balance, long Reserved, long Available)
{
    public static CreditsView From(AccountBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        return new CreditsView(balance.Balance, balance.Reserved, balance.Available);
    }
}
