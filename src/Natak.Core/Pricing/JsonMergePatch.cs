using System.Text.Json.Nodes;

namespace Natak.Core.Pricing;

/// <summary>RFC 7386 JSON merge patch: objects merge key by key, <c>null</c> deletes, anything else replaces.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            // Assigning an existing key replaces it in place: the catalogue's key order (rule order) survives.
            result[name] = Apply(result[name], value);
        }

        return result;
    }
}
