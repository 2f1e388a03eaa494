using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>
/// xAI's OpenAI-compatible chat completions (provider-apis.md §4). Token counts are ≈ characters / 4; reasoning
/// tokens are reported in <c>completion_tokens_details.reasoning_tokens</c> and, as xAI reports them, outside
/// <c>completion_tokens</c> but inside <c>total_tokens</c>.
/// </summary>
internal sealed class XaiApi(SimulatorControl control, ProviderGate gate, TimeProvider time)
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "user", "assistant", "tool", "developer" };

    public async Task ChatAsync(HttpContext http)
    {
        var call = new ProviderCall(http, SimulatorProvider.Xai, SimulatorOperation.Chat, control.Log);
        var (body, logged, error) = await RequestBodies.ReadObjectAsync(http);
        call.Input = logged;
        call.Model = body?["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
        if (await gate.AdmitAsync(call, XaiDialect.Instance) is null)
        {
            return;
        }

        if (Reject(body, error, call.Model, out var messages) is { } rejection)
        {
            await ProviderGate.RespondAsync(call, rejection);
            return;
        }

        var maxTokens = body!["max_tokens"] is JsonValue max && max.GetValueKind() == JsonValueKind.Number ? (int?)max.GetValue<double>() : null;
        var completion = Complete(call.Model!, messages, maxTokens);
        if (ProviderGate.TakeFault(call, control, k => k == FaultKind.DropAfterAccept) is not null)
        {
            call.Abort(call.Note!);
            return;
        }

        await call.RespondAsync(200, completion);
    }

    private ErrorResponse? Reject(JsonObject? body, string? error, string? model, out List<(string Role, string Content)> messages)
    {
        messages = [];
        const string InvalidArgument = "Client specified an invalid argument";
        if (body is null)
        {
            return XaiDialect.Error(400, InvalidArgument, $"Failed to parse the JSON body: {error}");
        }

        if (model is null)
        {
            return XaiDialect.Error(422, InvalidArgument, "Failed to deserialize the JSON body into the target type: missing field `model`");
        }

        if (!control.Options.XaiModels.Contains(model, StringComparer.Ordinal))
        {
            return XaiDialect.Error(404, "Some requested entity was not found", $"The model {model} does not exist or your team does not have access to it.");
        }

        if (ReadMessages(body, out messages) is { } problem)
        {
            return XaiDialect.Error(problem.Status, InvalidArgument, problem.Message);
        }

        return body["stream"] is JsonValue stream && stream.GetValueKind() == JsonValueKind.True
            ? XaiDialect.Error(400, InvalidArgument, "The simulator does not stream; send stream=false.")
            : null;
    }

    public static int Tokens(string text) => Math.Max(1, (text.Length + 3) / 4);

    private JsonObject Complete(string model, List<(string Role, string Content)> messages, int? maxTokens)
    {
        var system = string.Join("\n", messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));
        var user = messages.LastOrDefault(m => m.Role == "user").Content ?? "";
        var content = PromptWriter.Write(system.Length == 0 ? null : system, user);
        var finish = "stop";
        if (maxTokens is { } max && Tokens(content) > max)
        {
            content = content[..Math.Min(content.Length, Math.Max(1, max) * 4)];
            finish = "length";
        }

        var promptTokens = messages.Sum(m => Tokens(m.Content));
        var completionTokens = Tokens(content);
        var reasoningTokens = Math.Max(8, promptTokens / 10);
        return new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["object"] = "chat.completion",
            ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["finish_reason"] = finish,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens + reasoningTokens,
                ["prompt_tokens_details"] = new JsonObject { ["text_tokens"] = promptTokens, ["audio_tokens"] = 0, ["image_tokens"] = 0, ["cached_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject
                {
                    ["reasoning_tokens"] = reasoningTokens,
                    ["audio_tokens"] = 0,
                    ["accepted_prediction_tokens"] = 0,
                    ["rejected_prediction_tokens"] = 0,
                },
            },
            ["system_fingerprint"] = "fp_natak_simulator",
        };
    }

    private static (int Status, string Message)? ReadMessages(JsonObject body, out List<(string Role, string Content)> messages)
    {
        messages = [];
        if (body["messages"] is not JsonArray array)
        {
            return (422, "Failed to deserialize the JSON body into the target type: missing field `messages`");
        }

        if (array.Count == 0)
        {
            return (400, "messages must contain at least one message.");
        }

        foreach (var item in array)
        {
            if (item is not JsonObject message || message["role"] is not JsonValue roleValue || !roleValue.TryGetValue<string>(out var role))
            {
                return (422, "Failed to deserialize the JSON body into the target type: messages: each message needs a string `role`");
            }

            if (!Roles.Contains(role))
            {
                return (400, $"Unknown message role '{role}'.");
            }

            messages.Add((role, TextOf(message["content"])));
        }

        return messages.Any(m => m.Role == "user") ? null : (400, "messages must contain a user message.");
    }

    /// <summary>Content as a string or as OpenAI-style parts (<c>[{type:"text", text}]</c>).</summary>
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Select(p => p["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : "")),
        _ => "",
    };
}
