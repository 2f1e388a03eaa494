using System.Text.Json.Serialization;
using Natak.Core.Problems;

namespace Natak.Api.Http;

/// <summary>
/// An RFC 9457 problem document with Natak's stable <c>code</c> extension and, for validation failures, an
/// <c>errors</c> map of field → messages.
/// </summary>
public sealed record ApiProblem
{
    public required string Type { get; init; }

    public required string Title { get; init; }

    public required int Status { get; init; }

    public string? Detail { get; init; }

    public required string Code { get; init; }

    public string? Instance { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Extra members of a specific problem (e.g. <c>required</c> and <c>available</c> for insufficient credits).</summary>
    [JsonExtensionData]
    public Dictionary<string, object?>? Extensions { get; init; }

    public string? TraceId { get; init; }

    public static ApiProblem Create(int status, string code, string title, string? detail = null) => new()
    {
        Type = "https://natak.io/problems/" + code.Replace('_', '-'),
        Title = title,
        Status = status,
        Detail = detail,
        Code = code,
    };

    public static ApiProblem Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        Create(400, ProblemCodes.ValidationFailed, "The request is not valid.",
            detail ?? "One or more fields are not valid: " + string.Join(", ", errors.Keys) + ".") with
        { Errors = errors };

    public static ApiProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static ApiProblem NotFound(string what) =>
        Create(404, ProblemCodes.NotFound, "Not found.", $"No {what} with that id exists for the caller.");

    public static ApiProblem PayloadTooLarge(long limit) =>
        Create(413, ProblemCodes.PayloadTooLarge, "Payload too large.", $"The body must not exceed {limit} bytes.");

    public static ApiProblem Conflict(string detail) => Create(409, ProblemCodes.Conflict, "Conflict.", detail);

    public static ApiProblem Unauthorized(string detail) =>
        Create(401, ProblemCodes.Unauthorized, "Authentication required.", detail);

    public static ApiProblem Forbidden(string detail) => Create(403, ProblemCodes.Forbidden, "Forbidden.", detail);

    public static ApiProblem InsufficientCredits(long required, long available) =>
        Create(402, ProblemCodes.InsufficientCredits, "Not enough credits.", available >= 0
            ? $"This request costs {required} credits; {available} are available."
            : $"This request costs {required} credits; the account is {-available} credits short of zero (purchased credits were taken back after a refund or dispute).") with
        { Extensions = new() { ["required"] = required, ["available"] = available } };
}
