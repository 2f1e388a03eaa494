using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>Each item is one of the <see cref="OutputFeatures"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class OutputFeatureNamesAttribute() : AllowedValuesAttribute([.. OutputFeatures.All]);
