namespace Platform.Grains.Interfaces.Videos;

public enum VideoVisibility
{
    Public = 0,
    Unlisted = 1,
    Private = 2,
}
