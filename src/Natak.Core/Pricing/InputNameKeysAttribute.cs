using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>The keys of an endpoint's <c>inputs</c> are the mappable <see cref="InputNames"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class InputNameKeysAttribute() : AllowedValuesAttribute([.. InputNames.Mappable]);
