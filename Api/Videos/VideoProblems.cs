using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure.Errors;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

public static class VideoProblems
{
    public static ProblemHttpResult UploadTooLarge(string detail) =>
        ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, "upload_too_large", "The upload is too large", detail);

    public static ProblemHttpResult UnsupportedMediaType() =>
        ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Not a video type",
            "contentType must be a video type such as video/mp4, video/quicktime or video/webm.");

    public static ProblemHttpResult UploadMissing() =>
        ApiProblems.Create(StatusCodes.Status409Conflict, "upload_missing", "The upload is missing",
            "Nothing was uploaded to the video's upload URL yet (or the upload has not finished).");

    public static ProblemHttpResult NotAwaitingUpload() =>
        ApiProblems.Create(StatusCodes.Status409Conflict, "conflict", "The upload is complete", "The video's file was uploaded already; it takes no other.");

    public static ProblemHttpResult From(VideoFailure failure) => failure switch
    {
        VideoFailure.NotFound => ApiProblems.NotFound(),
        VideoFailure.UploadTooLarge => UploadTooLarge("The file is larger than declared or than the largest upload allowed."),
        VideoFailure.UploadMissing => UploadMissing(),
        _ => ApiProblems.Create(StatusCodes.Status409Conflict, "conflict", "Conflict", "The video is not in a state that allows this."),
    };
}
