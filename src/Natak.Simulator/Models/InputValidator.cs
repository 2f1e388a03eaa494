using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// Checks a request body against a model's fields the way fal's pydantic models do, with pydantic v2 error types
/// and messages. Deliberately strict on JSON types (no "5" for 5): a request the simulator accepts is one the real
/// endpoint accepts too.
/// </summary>
internal static class InputValidator
{
    public static List<ValidationIssue> Validate(JsonObject input, IReadOnlyList<FieldSpec> fields)
    {
        var issues = new List<ValidationIssue>();
        foreach (var field in fields)
        {
            var present = input.TryGetPropertyValue(field.Name, out var value);
            if (!present || value is null)
            {
                if (field.Required)
                {
                    issues.Add(ValidationIssue.At(field.Name, "Field required", "missing"));
                }

                continue;
            }

            Check(field, value, [field.Name], issues);
        }

        return issues;
    }

    public static string FormatNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static void Check(FieldSpec field, JsonNode value, List<object> loc, List<ValidationIssue> issues)
    {
        switch (field.Kind)
        {
            case FieldKind.String:
                if (!IsString(value, out var text))
                {
                    issues.Add(new(loc, "Input should be a valid string", "string_type"));
                }
                else if (field.MaxLength is { } max && text.Length > max)
                {
                    issues.Add(new(loc, $"String should have at most {max} characters", "string_too_long", new JsonObject { ["max_length"] = max }));
                }

                break;

            case FieldKind.Integer:
                if (CheckInteger(value, loc, issues) is { } integer)
                {
                    CheckBounds(field, integer, loc, issues);
                }

                break;

            case FieldKind.Number:
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    issues.Add(new(loc, "Input should be a valid number", "float_type"));
                }
                else
                {
                    CheckBounds(field, value.GetValue<double>(), loc, issues);
                }

                break;

            case FieldKind.Boolean:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    issues.Add(new(loc, "Input should be a valid boolean", "bool_type"));
                }

                break;

            case FieldKind.StringChoice:
                if (!IsString(value, out var choice) || !field.Choices.Contains(choice))
                {
                    var expected = Expected(field.Choices.Select(c => $"'{c}'").ToList());
                    issues.Add(new(loc, $"Input should be {expected}", "literal_error", new JsonObject { ["expected"] = expected }));
                }

                break;

            case FieldKind.IntegerChoice:
                var isInteger = value.GetValueKind() == JsonValueKind.Number && IsWhole(value.GetValue<double>());
                if (!isInteger || !field.IntegerChoices.Contains((long)value.GetValue<double>()))
                {
                    var expected = Expected(field.IntegerChoices.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToList());
                    issues.Add(new(loc, $"Input should be {expected}", "literal_error", new JsonObject { ["expected"] = expected }));
                }

                break;

            case FieldKind.ImageSize:
                CheckImageSize(field, value, loc, issues);
                break;

            case FieldKind.Loras:
                CheckLoras(field, value, loc, issues);
                break;

            case FieldKind.List:
                if (value is not JsonArray)
                {
                    issues.Add(new(loc, "Input should be a valid list", "list_type"));
                }

                break;
        }
    }

    private static long? CheckInteger(JsonNode value, List<object> loc, List<ValidationIssue> issues)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            issues.Add(new(loc, "Input should be a valid integer", "int_type"));
            return null;
        }

        var number = value.GetValue<double>();
        if (!IsWhole(number))
        {
            issues.Add(new(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float"));
            return null;
        }

        return (long)number;
    }

    private static void CheckBounds(FieldSpec field, double number, List<object> loc, List<ValidationIssue> issues)
    {
        if (field.Min is { } min && number < min)
        {
            issues.Add(new(loc, $"Input should be greater than or equal to {FormatNumber(min)}", "greater_than_equal", new JsonObject { ["ge"] = min }));
        }
        else if (field.Max is { } max && number > max)
        {
            issues.Add(new(loc, $"Input should be less than or equal to {FormatNumber(max)}", "less_than_equal", new JsonObject { ["le"] = max }));
        }
    }

    private static void CheckImageSize(FieldSpec field, JsonNode value, List<object> loc, List<ValidationIssue> issues)
    {
        if (IsString(value, out var preset))
        {
            if (!ImageSizes.Presets.ContainsKey(preset))
            {
                var expected = Expected(ImageSizes.Presets.Keys.Select(p => $"'{p}'").ToList());
                issues.Add(new(loc, $"Input should be {expected}", "literal_error", new JsonObject { ["expected"] = expected }));
            }

            return;
        }

        if (value is not JsonObject size)
        {
            issues.Add(new(loc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
            return;
        }

        var side = new FieldSpec("side", FieldKind.Integer) { Min = field.SizeMin, Max = field.SizeMax };
        foreach (var name in (string[])["width", "height"])
        {
            var sideLoc = new List<object>(loc) { name };
            if (size[name] is not { } sideValue)
            {
                issues.Add(new(sideLoc, "Field required", "missing"));
            }
            else if (CheckInteger(sideValue, sideLoc, issues) is { } pixels)
            {
                CheckBounds(side, pixels, sideLoc, issues);
            }
        }
    }

    private static void CheckLoras(FieldSpec field, JsonNode value, List<object> loc, List<ValidationIssue> issues)
    {
        if (value is not JsonArray loras)
        {
            issues.Add(new(loc, "Input should be a valid list", "list_type"));
            return;
        }

        if (field.MaxItems is { } max && loras.Count > max)
        {
            issues.Add(new(loc, $"List should have at most {max} items after validation, not {loras.Count}", "too_long",
                new JsonObject { ["field_type"] = "List", ["max_length"] = max, ["actual_length"] = loras.Count }));
            return;
        }

        for (var i = 0; i < loras.Count; i++)
        {
            var itemLoc = new List<object>(loc) { i };
            if (loras[i] is not JsonObject lora)
            {
                issues.Add(new(itemLoc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
                continue;
            }

            if (lora["path"] is not { } path)
            {
                issues.Add(new(new List<object>(itemLoc) { "path" }, "Field required", "missing"));
            }
            else if (!IsString(path, out _))
            {
                issues.Add(new(new List<object>(itemLoc) { "path" }, "Input should be a valid string", "string_type"));
            }

            if (lora["scale"] is { } scale && scale.GetValueKind() != JsonValueKind.Number)
            {
                issues.Add(new(new List<object>(itemLoc) { "scale" }, "Input should be a valid number", "float_type"));
            }
        }
    }

    private static bool IsString(JsonNode value, out string text)
    {
        if (value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = "";
        return false;
    }

    private static bool IsWhole(double number) => number == Math.Floor(number) && !double.IsInfinity(number);

    /// <summary>pydantic's list of allowed values: "'a', 'b' or 'c'".</summary>
    private static string Expected(List<string> values) =>
        values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];
}
