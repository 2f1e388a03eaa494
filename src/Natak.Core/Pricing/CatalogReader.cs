using System.Text.Json;
using System.Text.RegularExpressions;
using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// Turns the catalogue JSON into <see cref="PricingCatalog"/>: reads every section (shape, ranges, enum names)
/// and then checks the references between sections (<see cref="CatalogChecks"/>). All problems are collected.
/// </summary>
internal sealed class CatalogReader
{
    private readonly JsonWalker _json = new();

    public static (PricingCatalog? Catalog, IReadOnlyList<string> Errors) Read(JsonElement root)
    {
        var reader = new CatalogReader();
        var catalog = reader.ReadRoot(root);
        if (reader._json.Errors.Count == 0)
        {
            CatalogChecks.Run(catalog, reader._json);
        }

        return reader._json.Errors.Count == 0 ? (catalog, []) : (null, reader._json.Errors);
    }

    private PricingCatalog ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _json.Error("$", "the catalogue must be a JSON object");
        }

        _json.OnlyKnown(root, string.Empty, "version", "ratings", "providers", "defaults", "limits", "estimates",
            "pipeline", "character", "video", "models", "credits", "packs");

        var models = new Dictionary<string, CatalogModel>(StringComparer.Ordinal);
        var ratings = _json.TextList(root, "ratings", string.Empty, required: true);
        var providers = _json.TextList(root, "providers", string.Empty, required: true);
        foreach (var (key, value, path) in _json.Entries(root, "models", string.Empty, required: true))
        {
            models[key] = ReadModel(key, value, path, ratings, providers);
        }

        var credits = _json.Object(root, "credits", string.Empty);
        return new PricingCatalog(
            version: _json.Text(root, "version", string.Empty),
            ratings: ratings,
            providers: providers,
            defaults: ReadDefaults(root),
            limits: ReadLimits(root),
            estimates: ReadEstimates(root),
            pipeline: ReadPipeline(root),
            character: ReadCharacter(root),
            video: ReadVideo(root),
            models: models,
            formula: ReadFormula(credits),
            outputTypes: ReadOutputTypes(credits),
            packs: ReadPacks(root));
    }

    private CatalogModel ReadModel(string key, JsonElement model, string path, IReadOnlyList<string> ratings, IReadOnlyList<string> providers)
    {
        _json.OnlyKnown(model, path, "kind", "name", "promptStyle", "ratings", "price", "parameters", "providers");
        var modelRatings = _json.TextList(model, "ratings", path);
        for (var i = 0; i < modelRatings.Count; i++)
        {
            if (!ratings.Contains(modelRatings[i], StringComparer.Ordinal))
            {
                _json.Error(JsonWalker.Index(JsonWalker.Join(path, "ratings"), i),
                    $"unknown rating '{modelRatings[i]}'; ratings: {string.Join(", ", ratings)}");
            }
        }

        var offers = new List<ProviderOffer>();
        foreach (var (offer, offerPath) in _json.Items(model, "providers", path, required: true))
        {
            _json.OnlyKnown(offer, offerPath, "provider", "endpoints");
            var provider = _json.Text(offer, "provider", offerPath);
            if (provider.Length > 0 && !providers.Contains(provider, StringComparer.Ordinal))
            {
                _json.Error(JsonWalker.Join(offerPath, "provider"), $"unknown provider '{provider}'; providers: {string.Join(", ", providers)}");
            }

            if (offers.Any(o => o.Provider == provider))
            {
                _json.Error(JsonWalker.Join(offerPath, "provider"), $"provider '{provider}' is listed twice");
            }

            var endpoints = new Dictionary<string, ProviderEndpoint>(StringComparer.Ordinal);
            foreach (var (variant, endpoint, endpointPath) in _json.Entries(offer, "endpoints", offerPath, required: true))
            {
                endpoints[variant] = ReadEndpoint(provider, variant, endpoint, endpointPath, ratings);
            }

            offers.Add(new ProviderOffer(provider, endpoints));
        }

        var parameters = _json.Object(model, "parameters", path, required: false);
        return new CatalogModel
        {
            Key = key,
            Kind = _json.Enum<ModelKind>(model, "kind", path) ?? ModelKind.Prompt,
            Name = _json.Text(model, "name", path),
            PromptStyle = _json.OptionalText(model, "promptStyle", path),
            Ratings = modelRatings,
            Price = ReadPrice(model, "price", path) ?? new UnitPrice { Unit = PriceUnit.Request },
            Parameters = parameters is null ? ModelParameters.None : ReadParameters(parameters.Value, JsonWalker.Join(path, "parameters")),
            Providers = offers,
        };
    }

    private ProviderEndpoint ReadEndpoint(string provider, string variant, JsonElement endpoint, string path, IReadOnlyList<string> ratings)
    {
        _json.OnlyKnown(endpoint, path, "modelId", "inputs", "fixedInputs", "ratingInputs", "price");
        var inputs = new Dictionary<string, InputMapping>(StringComparer.Ordinal);
        foreach (var (name, mapping, mappingPath) in _json.Entries(endpoint, "inputs", path, required: false))
        {
            if (!InputNames.TryGetDefaultFormat(name, out var format))
            {
                _json.Error(mappingPath, "unknown input; inputs: " + string.Join(", ", InputNames.Mappable));
                continue;
            }

            if (mapping.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(mapping.GetString()))
            {
                inputs[name] = new InputMapping(mapping.GetString()!, format);
            }
            else if (mapping.ValueKind == JsonValueKind.Object)
            {
                _json.OnlyKnown(mapping, mappingPath, "field", "format");
                inputs[name] = new InputMapping(
                    _json.Text(mapping, "field", mappingPath),
                    _json.Enum<InputFormat>(mapping, "format", mappingPath) ?? format);
            }
            else
            {
                _json.Error(mappingPath, "must be a provider field name or { \"field\", \"format\" }");
            }
        }

        var ratingInputs = new Dictionary<string, IReadOnlyDictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var (rating, fields, ratingPath) in _json.Entries(endpoint, "ratingInputs", path, required: false))
        {
            if (!ratings.Contains(rating, StringComparer.Ordinal))
            {
                _json.Error(ratingPath, $"unknown rating; ratings: {string.Join(", ", ratings)}");
            }

            if (fields.ValueKind != JsonValueKind.Object)
            {
                _json.Error(ratingPath, "must be an object of provider fields");
                continue;
            }

            ratingInputs[rating] = fields.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }

        return new ProviderEndpoint
        {
            Provider = provider,
            Variant = variant,
            ModelId = _json.Text(endpoint, "modelId", path),
            Inputs = inputs,
            FixedInputs = _json.Entries(endpoint, "fixedInputs", path, required: false)
                .ToDictionary(e => e.Key, e => e.Value.Clone(), StringComparer.Ordinal),
            RatingInputs = ratingInputs,
            Price = ReadPrice(endpoint, "price", path, required: false),
        };
    }

    private UnitPrice? ReadPrice(JsonElement parent, string name, string parentPath, bool required = true)
    {
        var price = _json.Object(parent, name, parentPath, required);
        if (price is not { } p)
        {
            return null;
        }

        var path = JsonWalker.Join(parentPath, name);
        _json.OnlyKnown(p, path, "unit", "usd", "rates", "baseSeconds", "baseUsd", "extraSecondUsd", "inputPerMillionUsd", "outputPerMillionUsd");
        var unit = _json.Enum<PriceUnit>(p, "unit", path);
        switch (unit)
        {
            case PriceUnit.Second:
                var rates = new List<SecondRate>();
                foreach (var (rate, ratePath) in _json.Items(p, "rates", path, required: true))
                {
                    _json.OnlyKnown(rate, ratePath, "resolution", "audio", "usd");
                    var audio = _json.Property(rate, "audio", ratePath, required: false) is null ? (bool?)null : _json.Flag(rate, "audio", ratePath);
                    rates.Add(new SecondRate(_json.OptionalText(rate, "resolution", ratePath), audio, _json.Amount(rate, "usd", ratePath)));
                }

                return new UnitPrice { Unit = PriceUnit.Second, Rates = rates };
            case PriceUnit.BasePlusExtraSecond:
                return new UnitPrice
                {
                    Unit = PriceUnit.BasePlusExtraSecond,
                    BaseSeconds = (int)_json.Integer(p, "baseSeconds", path, 1, 3600),
                    BaseUsd = _json.Amount(p, "baseUsd", path),
                    ExtraSecondUsd = _json.Amount(p, "extraSecondUsd", path),
                };
            case PriceUnit.Token:
                return new UnitPrice
                {
                    Unit = PriceUnit.Token,
                    InputPerMillionUsd = _json.Amount(p, "inputPerMillionUsd", path),
                    OutputPerMillionUsd = _json.Amount(p, "outputPerMillionUsd", path),
                };
            case { } simple:
                return new UnitPrice { Unit = simple, Usd = _json.Amount(p, "usd", path) };
            default:
                return null;
        }
    }

    private ModelParameters ReadParameters(JsonElement p, string path)
    {
        _json.OnlyKnown(p, path, "size", "maxCount", "maxLoras", "control", "resolutions", "defaultResolution", "durations",
            "defaultDuration", "audio", "textToVideo", "drivingVideo", "upscaleFactors", "promptMaxLength");
        return new ModelParameters
        {
            Size = ReadSize(p, path),
            MaxCount = (int)(_json.OptionalInteger(p, "maxCount", path, 1, 100) ?? 1),
            MaxLoras = (int)(_json.OptionalInteger(p, "maxLoras", path, 0, 10) ?? 0),
            Control = _json.Flag(p, "control", path),
            Resolutions = _json.TextList(p, "resolutions", path),
            DefaultResolution = _json.OptionalText(p, "defaultResolution", path),
            Durations = ReadDurations(p, path),
            DefaultDuration = (int?)_json.OptionalInteger(p, "defaultDuration", path, 1, 3600),
            Audio = _json.Flag(p, "audio", path),
            TextToVideo = _json.Flag(p, "textToVideo", path),
            DrivingVideo = _json.Flag(p, "drivingVideo", path),
            UpscaleFactors = _json.IntegerList(p, "upscaleFactors", path, 1),
            PromptMaxLength = (int?)_json.OptionalInteger(p, "promptMaxLength", path, 1),
        };
    }

    private SizeRule? ReadSize(JsonElement parameters, string parentPath)
    {
        if (_json.Object(parameters, "size", parentPath, required: false) is not { } size)
        {
            return null;
        }

        var path = JsonWalker.Join(parentPath, "size");
        _json.OnlyKnown(size, path, "minSide", "maxSide", "multipleOf", "values", "default");
        var values = new List<ImageSize>();
        foreach (var (text, itemPath) in _json.TextList(size, "values", path).Select((t, i) => (t, JsonWalker.Index(JsonWalker.Join(path, "values"), i))))
        {
            if (ImageSize.TryParse(text, out var value))
            {
                values.Add(value);
            }
            else
            {
                _json.Error(itemPath, $"must be a size written WxH (got '{text}')");
            }
        }

        var bounded = values.Count == 0;
        var rule = new SizeRule
        {
            Values = values,
            MinSide = bounded ? (int)_json.Integer(size, "minSide", path, 1, 100_000) : 0,
            MaxSide = bounded ? (int)_json.Integer(size, "maxSide", path, 1, 100_000) : 0,
            MultipleOf = (int)(_json.OptionalInteger(size, "multipleOf", path, 1, 1024) ?? 1),
            Default = _json.Size(size, "default", path),
        };
        if (bounded && rule.MinSide > rule.MaxSide)
        {
            _json.Error(JsonWalker.Join(path, "minSide"), "must not exceed maxSide");
        }

        return rule;
    }

    private DurationRule? ReadDurations(JsonElement parameters, string parentPath)
    {
        if (_json.Object(parameters, "durations", parentPath, required: false) is not { } durations)
        {
            return null;
        }

        var path = JsonWalker.Join(parentPath, "durations");
        _json.OnlyKnown(durations, path, "values", "min", "max", "maxByResolution");
        var maxByResolution = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (resolution, value, itemPath) in _json.Entries(durations, "maxByResolution", path, required: false))
        {
            if (_json.IntegerValue(value, itemPath, 1, 3600) is { } max)
            {
                maxByResolution[resolution] = (int)max;
            }
        }

        var values = _json.IntegerList(durations, "values", path, 1);
        if (values.Count > 0)
        {
            return new DurationRule { Values = values, MaxByResolution = maxByResolution };
        }

        var rule = new DurationRule
        {
            Min = (int)_json.Integer(durations, "min", path, 1, 3600),
            Max = (int)_json.Integer(durations, "max", path, 1, 3600),
            MaxByResolution = maxByResolution,
        };
        if (rule.Min > rule.Max)
        {
            _json.Error(JsonWalker.Join(path, "min"), "must not exceed max");
        }

        return rule;
    }

    private CatalogDefaults ReadDefaults(JsonElement root)
    {
        var d = _json.Object(root, "defaults", string.Empty) ?? default;
        _json.OnlyKnown(d, "defaults", "imageModel", "videoModel", "rating", "outfitSegment");
        return new CatalogDefaults
        {
            ImageModel = _json.Text(d, "imageModel", "defaults"),
            VideoModel = _json.Text(d, "videoModel", "defaults"),
            Rating = _json.Text(d, "rating", "defaults"),
            OutfitSegment = _json.Text(d, "outfitSegment", "defaults"),
        };
    }

    private CatalogLimits ReadLimits(JsonElement root)
    {
        const string path = "limits";
        var l = _json.Object(root, path, string.Empty) ?? default;
        _json.OnlyKnown(l, path, "promptMaxLength", "ideaMaxLength", "outfitDescriptionMaxLength", "segmentMaxLength",
            "seedMax", "urlMaxLength", "idMaxLength");
        return new CatalogLimits
        {
            PromptMaxLength = (int)_json.Integer(l, "promptMaxLength", path, 1, 100_000),
            IdeaMaxLength = (int)_json.Integer(l, "ideaMaxLength", path, 1, 100_000),
            OutfitDescriptionMaxLength = (int)_json.Integer(l, "outfitDescriptionMaxLength", path, 1, 100_000),
            SegmentMaxLength = (int)_json.Integer(l, "segmentMaxLength", path, 1, 100_000),
            SeedMax = _json.Integer(l, "seedMax", path, 0),
            UrlMaxLength = (int)_json.Integer(l, "urlMaxLength", path, 16, 100_000),
            IdMaxLength = (int)_json.Integer(l, "idMaxLength", path, 1, 1000),
        };
    }

    private QuoteEstimates ReadEstimates(JsonElement root)
    {
        const string path = "estimates";
        var e = _json.Object(root, path, string.Empty) ?? default;
        _json.OnlyKnown(e, path, "promptInputTokens", "promptOutputTokens", "characterStorageGbMonths");
        return new QuoteEstimates
        {
            PromptInputTokens = (int)_json.Integer(e, "promptInputTokens", path, 0, 1_000_000),
            PromptOutputTokens = (int)_json.Integer(e, "promptOutputTokens", path, 0, 1_000_000),
            CharacterStorageGbMonths = _json.Amount(e, "characterStorageGbMonths", path),
        };
    }

    private PipelineModels ReadPipeline(JsonElement root)
    {
        const string path = "pipeline";
        var p = _json.Object(root, path, string.Empty) ?? default;
        _json.OnlyKnown(p, path, "prompt", "training", "reference", "pose", "depth", "segment", "inpaint", "characterInpaint",
            "refine", "upscale", "extractFrame", "storage");
        return new PipelineModels
        {
            Prompt = _json.Text(p, "prompt", path),
            Training = _json.Text(p, "training", path),
            Reference = _json.Text(p, "reference", path),
            Pose = _json.Text(p, "pose", path),
            Depth = _json.Text(p, "depth", path),
            Segment = _json.Text(p, "segment", path),
            Inpaint = _json.Text(p, "inpaint", path),
            CharacterInpaint = _json.Text(p, "characterInpaint", path),
            Refine = _json.Text(p, "refine", path),
            Upscale = _json.Text(p, "upscale", path),
            ExtractFrame = _json.Text(p, "extractFrame", path),
            Storage = _json.Text(p, "storage", path),
        };
    }

    private CharacterSettings ReadCharacter(JsonElement root)
    {
        const string path = "character";
        var c = _json.Object(root, path, string.Empty) ?? default;
        _json.OnlyKnown(c, path, "nameMaxLength", "minImages", "maxImages", "minSteps", "maxSteps", "defaultQuality", "quality",
            "triggerWordPattern", "referenceSize", "referencePrompts");
        var quality = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, steps, stepsPath) in _json.Entries(c, "quality", path, required: true))
        {
            quality[name] = (int)(_json.IntegerValue(steps, stepsPath, 1, 1_000_000) ?? 0);
        }

        return new CharacterSettings
        {
            NameMaxLength = (int)_json.Integer(c, "nameMaxLength", path, 1, 1000),
            MinImages = (int)_json.Integer(c, "minImages", path, 1, 1000),
            MaxImages = (int)_json.Integer(c, "maxImages", path, 1, 1000),
            MinSteps = (int)_json.Integer(c, "minSteps", path, 1, 1_000_000),
            MaxSteps = (int)_json.Integer(c, "maxSteps", path, 1, 1_000_000),
            DefaultQuality = _json.Text(c, "defaultQuality", path),
            Quality = quality,
            TriggerWordPattern = ReadPattern(c, "triggerWordPattern", path),
            ReferenceSize = _json.Size(c, "referenceSize", path),
            ReferencePrompts = _json.TextList(c, "referencePrompts", path, required: true),
        };
    }

    private Regex ReadPattern(JsonElement parent, string name, string path)
    {
        var text = _json.Text(parent, name, path);
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException ex)
        {
            _json.Error(JsonWalker.Join(path, name), "is not a valid regular expression: " + ex.Message);
            return new Regex("^$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
    }

    private VideoSettings ReadVideo(JsonElement root)
    {
        const string path = "video";
        var v = _json.Object(root, path, string.Empty) ?? default;
        _json.OnlyKnown(v, path, "referenceSize", "extractFrame");
        return new VideoSettings
        {
            ReferenceSize = _json.Size(v, "referenceSize", path),
            ExtractFrame = _json.Text(v, "extractFrame", path),
        };
    }

    private CreditFormula ReadFormula(JsonElement? credits)
    {
        const string path = "credits.formula";
        var f = credits is { } c ? _json.Object(c, "formula", "credits") ?? default : default;
        _json.OnlyKnown(f, path, "creditValueUsd", "targetMargin", "minimumCredits");
        return new CreditFormula(
            CreditValueUsd: _json.Amount(f, "creditValueUsd", path, minExclusive: true),
            TargetMargin: _json.Amount(f, "targetMargin", path, 0m, 0.99m),
            MinimumCredits: (int)_json.Integer(f, "minimumCredits", path, 0, 1_000_000));
    }

    private List<OutputType> ReadOutputTypes(JsonElement? credits)
    {
        var types = new List<OutputType>();
        if (credits is not { } c)
        {
            return types;
        }

        _json.OnlyKnown(c, "credits", "formula", "outputTypes");
        foreach (var (key, type, path) in _json.Entries(c, "outputTypes", "credits", required: true))
        {
            _json.OnlyKnown(type, path, "name", "credits", "formula", "per", "match");
            var fixedCredits = (int?)_json.OptionalInteger(type, "credits", path, 1, 1_000_000);
            var formula = _json.Flag(type, "formula", path);
            var hasCredits = _json.Property(type, "credits", path, required: false) is not null;
            if (hasCredits == formula)
            {
                _json.Error(path, formula
                    ? "has both a fixed price (credits) and formula: true; give one"
                    : "has no credit price: give a fixed price (credits) or formula: true");
            }

            CreditPer? per = null;
            if (_json.Object(type, "per", path, required: false) is { } perElement)
            {
                var perPath = JsonWalker.Join(path, "per");
                _json.OnlyKnown(perElement, perPath, "quantity", "amount");
                var quantity = _json.Text(perElement, "quantity", perPath);
                if (quantity.Length > 0 && !CreditQuantities.All.Contains(quantity, StringComparer.Ordinal))
                {
                    _json.Error(JsonWalker.Join(perPath, "quantity"), $"'{quantity}' is not one of: {string.Join(", ", CreditQuantities.All)}");
                }

                if (formula)
                {
                    _json.Error(perPath, "applies to fixed prices only");
                }

                per = new CreditPer(quantity, (int)_json.Integer(perElement, "amount", perPath, 1, 1_000_000));
            }

            types.Add(new OutputType
            {
                Key = key,
                Name = _json.Text(type, "name", path),
                FixedCredits = formula ? null : fixedCredits ?? 1,
                Per = per,
                Match = ReadMatch(type, path),
            });
        }

        return types;
    }

    private OutputMatch ReadMatch(JsonElement type, string parentPath)
    {
        var path = JsonWalker.Join(parentPath, "match");
        var m = _json.Object(type, "match", parentPath) ?? default;
        _json.OnlyKnown(m, path, "kind", "models", "resolutions", "features", "anyFeature", "noFeatures");
        var kindText = _json.Text(m, "kind", path);
        if (!JobKindExtensions.TryParseWire(kindText, out var kind) && kindText.Length > 0)
        {
            _json.Error(JsonWalker.Join(path, "kind"), $"'{kindText}' is not one of: {string.Join(", ", WireNames<JobKind>.All)}");
        }

        return new OutputMatch
        {
            Kind = kind,
            Models = _json.TextList(m, "models", path),
            Resolutions = _json.TextList(m, "resolutions", path),
            Features = Features(m, "features", path),
            AnyFeature = Features(m, "anyFeature", path),
            NoFeatures = Features(m, "noFeatures", path),
        };
    }

    private IReadOnlyList<string> Features(JsonElement match, string name, string path)
    {
        var features = _json.TextList(match, name, path);
        for (var i = 0; i < features.Count; i++)
        {
            if (!OutputFeatures.All.Contains(features[i], StringComparer.Ordinal))
            {
                _json.Error(JsonWalker.Index(JsonWalker.Join(path, name), i),
                    $"'{features[i]}' is not one of: {string.Join(", ", OutputFeatures.All)}");
            }
        }

        return features;
    }

    private List<CreditPack> ReadPacks(JsonElement root) =>
        [.. _json.Entries(root, "packs", string.Empty, required: true).Select(entry =>
        {
            _json.OnlyKnown(entry.Value, entry.Path, "credits", "priceUsd");
            return new CreditPack(
                entry.Key,
                (int)_json.Integer(entry.Value, "credits", entry.Path, 1, 100_000_000),
                _json.Amount(entry.Value, "priceUsd", entry.Path, minExclusive: true));
        })];
}
