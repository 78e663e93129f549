namespace Platform.Grains.Interfaces.Videos;

/// <summary>Why a video request was refused. The API maps each to a problem code.</summary>
public enum VideoFailure
{
    None = 0,
    /// <summary>No such video for this caller (also another owner's: ids cannot be probed).</summary>
    NotFound,
    /// <summary>The video is not in a state that allows this (e.g. a second create).</summary>
    Conflict,
    UploadTooLarge,
    UploadMissing,
}
