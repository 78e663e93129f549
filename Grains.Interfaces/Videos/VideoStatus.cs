namespace Platform.Grains.Interfaces.Videos;

/// <summary>awaiting_upload → queued → processing → ready | failed.</summary>
public enum VideoStatus
{
    AwaitingUpload = 0,
    Queued = 1,
    Processing = 2,
    Ready = 3,
    Failed = 4,
}
