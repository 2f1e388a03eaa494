using Natak.Core.Jobs;

namespace Natak.Core.Requests;

/// <summary>A request for paid work: a character, an image or a video.</summary>
public interface IMediaRequest
{
    JobKind Kind { get; }
}
