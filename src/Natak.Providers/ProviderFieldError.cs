namespace Natak.Providers;

/// <summary>One input field the provider rejected (fal's <c>detail[]</c> entries).</summary>
/// <param name="Location">The field path joined with dots, e.g. <c>body.prompt</c>; empty when the provider gave none.</param>
/// <param name="Message">The provider's message for the field.</param>
/// <param name="Type">The provider's error type, e.g. <c>content_policy_violation</c>, <c>value_error</c>.</param>
public sealed record ProviderFieldError(string Location, string Message, string? Type);
