namespace Natak.Api.Auth;

/// <summary>The authenticated caller: the token's <c>sub</c> and whether its roles include <c>admin</c>.</summary>
public sealed record NatakUser(string Id, bool IsAdmin);
