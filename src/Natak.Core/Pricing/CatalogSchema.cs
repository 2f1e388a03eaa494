using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Natak.Core.Pricing;

/// <summary>
/// The JSON Schema of the catalogue, exported by System.Text.Json's <see cref="JsonSchemaExporter"/> from the same
/// records and options the catalogue is read with. The exporter gives the shape (members, required members, types,
/// no unknown members); this class adds what the reader enforces beyond it: the kebab-case enum names, the
/// annotated value rules (<see cref="ContractRules"/>), non-blank strings, and the shapes the custom converters read.
/// The patch schema is the same with every member outside arrays optional and nullable, as a merge patch is.
/// </summary>
internal static class CatalogSchema
{
    private const string NotBlank = "\\S";

    public static string Export(bool patch)
    {
        var exported = CatalogJson.Options.GetJsonSchemaAsNode(typeof(CatalogDocument), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        }).AsObject();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = patch ? "Natak pricing catalogue patch (RFC 7386 merge patch)" : "Natak pricing catalogue",
            ["description"] = patch
                ? "A merge patch to the embedded catalogue (Pricing:CatalogPatch / Pricing:CatalogPatchFile): members merge, null deletes, arrays replace. Generated from the catalogue records; see docs/pricing-catalogue.md."
                : "The pricing catalogue (src/Natak.Core/Pricing/catalog.json). Generated from the catalogue records; see docs/pricing-catalogue.md.",
        };
        foreach (var (name, node) in exported.ToList())
        {
            exported.Remove(name);
            schema[name] = node;
        }

        if (patch)
        {
            Relax(schema, insideArray: false);
        }

        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var info = context.TypeInfo;
        var schema = ConverterSchema(info.Type) ?? node as JsonObject ?? new JsonObject();
        if (info.Type == typeof(string))
        {
            schema["pattern"] = NotBlank;
        }

        // The exporter knows nothing of what a custom converter reads, and leaves such items out altogether.
        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary && ConverterSchema(info.ElementType!) is { } items)
        {
            schema[info.Kind == JsonTypeInfoKind.Dictionary ? "additionalProperties" : "items"] = items;
        }

        if (info.Kind == JsonTypeInfoKind.Dictionary)
        {
            schema["propertyNames"] = new JsonObject { ["pattern"] = NotBlank };
        }

        if (context.PropertyInfo?.AttributeProvider is { } member)
        {
            Annotate(schema, info.Kind, member);
        }

        return schema;
    }

    /// <summary>What the custom converters read (<see cref="CatalogJson"/>), or null for a type the exporter describes itself.</summary>
    private static JsonObject? ConverterSchema(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying.IsEnum => new JsonObject { ["enum"] = EnumNames(underlying, nullable: underlying != type) },
            _ when underlying == typeof(ImageSize) => new JsonObject { ["type"] = "string", ["pattern"] = "^0*[1-9][0-9]*x0*[1-9][0-9]*$" },
            _ when underlying == typeof(Regex) => new JsonObject { ["type"] = "string", ["format"] = "regex" },
            _ when underlying == typeof(InputMapping) => InputMappingSchema(),
            _ => null,
        };
    }

    /// <summary>The annotations <see cref="ContractRules"/> enforces, in JSON Schema words, on the member or its items.</summary>
    private static void Annotate(JsonObject schema, JsonTypeInfoKind kind, System.Reflection.ICustomAttributeProvider member)
    {
        var items = kind switch
        {
            JsonTypeInfoKind.Enumerable => schema["items"] as JsonObject,
            JsonTypeInfoKind.Dictionary => schema["additionalProperties"] as JsonObject,
            _ => schema,
        };
        if (member.GetCustomAttributes(typeof(RangeAttribute), inherit: true).FirstOrDefault() is RangeAttribute range && items is not null)
        {
            var (minimum, maximum, excluded) = ContractRules.Bounds(range);
            items[excluded ? "exclusiveMinimum" : "minimum"] = minimum;
            if (maximum is { } max)
            {
                items["maximum"] = max;
            }
        }

        if (member.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true).FirstOrDefault() is AllowedValuesAttribute allowed)
        {
            var values = new JsonArray([.. allowed.Values.Select(v => JsonValue.Create((string?)v))]);
            if (kind == JsonTypeInfoKind.Dictionary)
            {
                schema["propertyNames"] = new JsonObject { ["enum"] = values };
            }
            else if (items is not null)
            {
                items["enum"] = values;
            }
        }

        if (member.GetCustomAttributes(typeof(MinLengthAttribute), inherit: true).FirstOrDefault() is MinLengthAttribute length)
        {
            schema[kind == JsonTypeInfoKind.Dictionary ? "minProperties" : "minItems"] = length.Length;
        }
    }

    private static JsonArray EnumNames(Type type, bool nullable)
    {
        var names = new JsonArray([.. Enum.GetValues(type).Cast<Enum>().Select(v => JsonValue.Create(KebabNames.Of(v)))]);
        if (nullable)
        {
            names.Add(null);
        }

        return names;
    }

    /// <summary>What <see cref="InputMappingConverter"/> reads: a field name, or <c>{ "field", "format" }</c>.</summary>
    private static JsonObject InputMappingSchema() => new()
    {
        ["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "string", ["pattern"] = NotBlank },
            new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["field"] = new JsonObject { ["type"] = "string", ["pattern"] = NotBlank },
                    ["format"] = new JsonObject { ["enum"] = EnumNames(typeof(InputFormat), nullable: false) },
                },
                ["required"] = new JsonArray("field"),
                ["additionalProperties"] = false,
            }),
    };

    /// <summary>
    /// A merge patch names only what it changes and deletes with null, so outside arrays (which it replaces whole)
    /// no member is required and every member may be null.
    /// </summary>
    private static void Relax(JsonNode? node, bool insideArray)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (!insideArray)
        {
            schema.Remove("required");
        }

        var members = (schema["properties"] as JsonObject)?.Select(p => p.Value) ?? [];
        foreach (var member in members.Append(schema["additionalProperties"]).OfType<JsonObject>())
        {
            if (!insideArray)
            {
                AllowNull(member);
            }

            Relax(member, insideArray);
        }

        foreach (var alternative in (schema["anyOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Relax(alternative, insideArray);
        }

        Relax(schema["items"], insideArray: true);
    }

    private static void AllowNull(JsonObject schema)
    {
        switch (schema)
        {
            case { } when schema["enum"] is JsonArray values:
                if (!values.Any(v => v is null))
                {
                    values.Add(null);
                }

                break;
            case { } when schema["anyOf"] is JsonArray alternatives:
                alternatives.Add(new JsonObject { ["type"] = "null" });
                break;
            case { } when schema["type"] is JsonValue single:
                schema["type"] = new JsonArray(single.GetValue<string>(), "null");
                break;
            case { } when schema["type"] is JsonArray types && !types.Any(t => t?.GetValue<string>() == "null"):
                types.Add("null");
                break;
        }
    }
}
