namespace Natak.Api.Http;

/// <summary>
/// One HTTP route of the API. The route table (<see cref="NatakRoutes"/>) is the single source both hosts map:
/// the dev host through ASP.NET Core routing, the Functions app through one HTTP-trigger shim per route.
/// </summary>
/// <param name="Name">The function name in the Functions app; stable.</param>
/// <param name="Method">GET, POST, PUT or DELETE.</param>
/// <param name="Template">The route under <c>/api</c>, e.g. <c>jobs/{jobId}</c>.</param>
/// <param name="Access">Who may call it.</param>
/// <param name="Handler">The shared handler.</param>
/// <param name="MaxBodyBytes">The largest request body accepted; bigger → 413.</param>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAccess Access, ApiHandler Handler, long MaxBodyBytes = ApiLimits.DefaultMaxBodyBytes);

/// <summary>A route handler: everything it needs is on the request.</summary>
public delegate Task<Microsoft.AspNetCore.Http.IResult> ApiHandler(ApiRequest request);
