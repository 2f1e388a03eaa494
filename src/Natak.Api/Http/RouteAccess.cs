namespace Natak.Api.Http;

/// <summary>Who may call a route.</summary>
public enum RouteAccess
{
    /// <summary>Anyone (pricing, health).</summary>
    Public,

    /// <summary>Any signed-in user (a valid bearer token).</summary>
    User,

    /// <summary>A signed-in user whose <c>roles</c> claim contains <c>admin</c>.</summary>
    Admin,

    /// <summary>A provider, authenticated by its webhook signature inside the handler.</summary>
    Webhook,
}
