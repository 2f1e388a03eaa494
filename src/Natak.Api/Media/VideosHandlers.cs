using Microsoft.AspNetCore.Http;
using Natak.Api.Http;
using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Api.Media;

/// <summary>
/// <c>POST /api/videos</c>: image- and text-to-video on every catalogue video model, a character's reference image
/// as the start frame, and the WAN 2.2 animate workaround (api.md "Videos", docs/videos.md).
/// </summary>
internal static class VideosHandlers
{
    public static Task<IResult> StartVideos(ApiRequest request) =>
        request.Service<MediaJobStarter>().StartAsync<VideoRequest>(request, JobKind.Video);
}
