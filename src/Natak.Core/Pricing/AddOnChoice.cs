using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// One choice a request makes about an add-on feature (<see cref="OutputFeatures.AddOns"/>): leaving it out, or one of
/// the <see cref="Options"/> that add it (an upscale by 2, 4 or 5; a pose or a depth control map).
/// </summary>
internal sealed record AddOnChoice(string AddOn, IReadOnlyList<Func<IMediaRequest, IMediaRequest>> Options)
{
    public static AddOnChoice Of<TRequest>(string addOn, IEnumerable<Func<TRequest, TRequest>> options)
        where TRequest : IMediaRequest =>
        new(addOn, [.. options.Select(option => (Func<IMediaRequest, IMediaRequest>)(request => option((TRequest)request)))]);
}
