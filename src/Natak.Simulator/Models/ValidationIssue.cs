using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>One rejected input, in the terms of fal's (pydantic) error objects.</summary>
/// <param name="Loc">Location below <c>body</c>: field name, then list indexes / sub-fields.</param>
/// <param name="Msg">Human-readable message (pydantic's wording where pydantic raises it).</param>
/// <param name="Type">Machine-readable error type.</param>
/// <param name="Ctx">Structured context, e.g. <c>{"ge": 1}</c>.</param>
internal sealed record ValidationIssue(IReadOnlyList<object> Loc, string Msg, string Type, JsonObject? Ctx = null)
{
    public static ValidationIssue At(string field, string msg, string type, JsonObject? ctx = null) => new([field], msg, type, ctx);

    /// <summary>The dotted field path, for WaveSpeed-style messages.</summary>
    public string FieldPath => string.Join('.', Loc);

    /// <summary>fal's own error types link to its docs; pydantic's to pydantic's.</summary>
    public bool IsFalType => Type is "content_policy_violation" or "file_download_error" or "image_load_error"
        or "invalid_archive" or "archive_file_count_below_minimum" or "internal_server_error";
}
