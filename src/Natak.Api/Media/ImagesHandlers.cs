using Microsoft.AspNetCore.Http;
using Natak.Api.Http;
using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Api.Media;

/// <summary><c>POST /api/images</c>: generate, edit, restyle and upscale images (api.md "Images").</summary>
internal static class ImagesHandlers
{
    public static Task<IResult> StartImages(ApiRequest request) =>
        request.Service<MediaJobStarter>().StartAsync<ImageRequest>(request, JobKind.Image);
}
