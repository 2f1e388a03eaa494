using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// fal's error bodies. Model errors: <c>{"detail":[{loc,msg,type,url,ctx?}]}</c>. Request (platform) errors:
/// <c>{"detail":"...","error_type":"..."}</c> plus header <c>X-Fal-Error-Type</c>. Both carry <c>X-Fal-Retryable</c>.
/// </summary>
internal static class FalBodies
{
    private const string PydanticDocs = "https://errors.pydantic.dev/2.11/v/";
    private const string FalDocs = "https://docs.fal.ai/errors#";

    public static JsonObject Validation(IEnumerable<ValidationIssue> issues) =>
        new() { ["detail"] = new JsonArray([.. issues.Select(Issue)]) };

    public static JsonObject ContentPolicy() => Validation(
    [
        ValidationIssue.At("prompt", "The content could not be processed because it contained material flagged by a content checker.", "content_policy_violation"),
    ]);

    public static Dictionary<string, string> NotRetryable() => new(StringComparer.Ordinal) { ["X-Fal-Retryable"] = "false" };

    public static ErrorResponse RequestError(int status, string detail, string errorType) =>
        new(status,
            new JsonObject { ["detail"] = detail, ["error_type"] = errorType },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["X-Fal-Error-Type"] = errorType,
                ["X-Fal-Retryable"] = status is 429 or >= 500 ? "true" : "false",
            });

    /// <summary>What the result endpoint answers for a completed job, and what a webhook carries as <c>payload</c>.</summary>
    public static ErrorResponse Result(JobOutcome outcome) => outcome.Failure switch
    {
        FailureKind.None => new(200, outcome.FalOutput!.DeepClone()),
        FailureKind.Model => new(outcome.StatusCode, Validation([new ValidationIssue([], outcome.Message!, outcome.ErrorType!)]), NotRetryable()),
        _ when outcome.UserTimeout => UserTimeout(RequestError(outcome.StatusCode, outcome.Message!, outcome.ErrorType!)),
        _ => RequestError(outcome.StatusCode, outcome.Message!, outcome.ErrorType!),
    };

    /// <summary>A timeout the caller asked for: marked so clients know not to retry it.</summary>
    private static ErrorResponse UserTimeout(ErrorResponse error) => error with
    {
        Headers = new Dictionary<string, string>(error.Headers!, StringComparer.Ordinal)
        {
            ["X-Fal-Request-Timeout-Type"] = "user",
            ["X-Fal-Retryable"] = "false",
        },
    };

    private static JsonObject Issue(ValidationIssue issue)
    {
        var loc = new JsonArray { "body" };
        foreach (var part in issue.Loc)
        {
            loc.Add(part is int index ? JsonValue.Create(index) : JsonValue.Create(part.ToString()));
        }

        var node = new JsonObject
        {
            ["loc"] = loc,
            ["msg"] = issue.Msg,
            ["type"] = issue.Type,
            ["url"] = (issue.IsFalType ? FalDocs : PydanticDocs) + issue.Type,
        };
        if (issue.Ctx is not null)
        {
            node["ctx"] = issue.Ctx.DeepClone();
        }

        return node;
    }
}
