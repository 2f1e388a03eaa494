using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Natak.Api.Auth;
using Natak.Api.Http;
using Natak.Assets;
using Natak.Core.Problems;

namespace Natak.DevHost;

/// <summary>
/// <c>POST /api/dev/sign-in {"userId": "...", "admin": false}</c> → a development bearer token, so Natak Studio
/// can sign a person in as any development user. Mapped only in the Development environment and only while the
/// signing key is the public development key (the only key <see cref="DevTokens"/> mints with); anywhere else the
/// route does not exist.
/// </summary>
internal static class DevSignIn
{
    public const string Template = "/api/dev/sign-in";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static bool IsOffered(IHostEnvironment environment, AuthOptions auth) =>
        environment.IsDevelopment() && auth.AllSymmetricKeys().Contains(DevTokens.DevelopmentSigningKey, StringComparer.Ordinal);

    public static IResult Handle(HttpContext http, SignInRequest? body, IOptions<AuthOptions> auth, TimeProvider time)
    {
        if (body?.UserId is not { } userId || !AssetKeys.IsValidId(userId))
        {
            return ApiPipeline.ProblemResult(ApiProblem.Validation("userId", "userId must be " + AssetKeys.IdRule + "."), http);
        }

        var now = time.GetUtcNow();
        var token = DevTokens.Mint(auth.Value, userId, body.Admin, Lifetime, now);
        return TypedResults.Json(new SignInResponse(userId, body.Admin, token, now + Lifetime), NatakJson.Options);
    }

    internal sealed record SignInRequest(string? UserId, bool Admin);

    internal sealed record SignInResponse(string UserId, bool Admin, string Token, DateTimeOffset ExpiresAt);
}
