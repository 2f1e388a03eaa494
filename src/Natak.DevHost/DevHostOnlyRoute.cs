namespace Natak.DevHost;

/// <summary>
/// Marks an endpoint the dev host serves outside the shared route table (the contract, its reference UI,
/// Development sign-in): it is not part of the API both hosts serve, so the route-parity test leaves it out and
/// checks these endpoints against their own list instead.
/// </summary>
public sealed class DevHostOnlyRoute
{
    public static DevHostOnlyRoute Instance { get; } = new();

    private DevHostOnlyRoute()
    {
    }
}
