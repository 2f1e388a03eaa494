namespace Natak.Api.Money;

/// <summary><c>POST /api/admin/credits/grants</c> (admin): give <see cref="Credits"/> to a user, once per <see cref="GrantId"/>.</summary>
public sealed record GrantRequest
{
    public string? UserId { get; init; }

    public long? Credits { get; init; }

    public string? Reason { get; init; }

    public string? GrantId { get; init; }
}
