using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Natak.Core.Jobs;

namespace Natak.Core.Pricing;

/// <summary>
/// How the catalogue is read: System.Text.Json over the catalogue records, strictly — unknown members, missing
/// required members, nulls where none is allowed, duplicate keys and enum values other than the kebab-case names are
/// all refused. The published JSON Schema is exported from the same contract (<see cref="CatalogSchema"/>).
/// </summary>
internal static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>How the text is parsed before it is read (the patch too): comments and trailing commas are allowed, duplicate keys are not.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static JsonTypeInfo TypeInfo(Type type) => Options.GetTypeInfo(type);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutUnwritableMembers } },
            Converters =
            {
                new KebabEnumConverter<ModelKind>(),
                new KebabEnumConverter<PriceUnit>(),
                new KebabEnumConverter<InputFormat>(),
                new KebabEnumConverter<JobKind>(),
                new ImageSizeConverter(),
                new PatternConverter(),
                new InputMappingConverter(),
            },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Only what a catalogue author writes is in the contract: not the members filled in from where an object sits,
    /// nor computed ones (<c>usdPerCredit</c>) — which, left in, a document could name and have silently ignored.
    /// </summary>
    private static void LeaveOutUnwritableMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            if (property.Set is null || property.AttributeProvider?.IsDefined(typeof(SetByReaderAttribute), inherit: false) == true)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
