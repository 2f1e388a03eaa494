namespace Natak.Api.Payments;

/// <summary>The metadata keys Natak writes on a Checkout Session (and its payment intent) and reads back from its events.</summary>
internal static class PaymentMetadata
{
    public const string UserId = "natak_user_id";
    public const string Pack = "natak_pack";

    /// <summary>The credits sold, so a purchase gets what the buyer saw even if the catalogue changed before the payment completed.</summary>
    public const string Credits = "natak_credits";
}
