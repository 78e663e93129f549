namespace Platform.Grains.Transcoding;

/// <summary>One rendition to make: its name, frame size and the video bitrate it is capped at.</summary>
public sealed record LadderRung(string Name, int Width, int Height, int VideoBitsPerSecond)
{
    /// <summary>What a player should expect to need: the video cap plus the audio, when there is audio.</summary>
    public int Bandwidth(bool withAudio) => VideoBitsPerSecond + (withAudio ? LadderPlan.AudioBitsPerSecond : 0);
}
