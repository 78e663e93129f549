using Platform.Silo.Transcoding;

namespace Platform.Integration.Tests.Transcoding;

/// <summary>Source file to checked ladder and thumbnail, with the real FFmpeg (issue 7).</summary>
public sealed class LocalTranscodeTests : WorkFolderTest
{
    [Fact]
    public async Task A_portrait_clip_becomes_a_checked_ladder_and_a_thumbnail_with_progress_to_the_end()
    {
        var input = await TestMedia.GenerateAsync(Path.Combine(Dir, "portrait.mp4"), 480, 854, 4, audio: true);
        var progress = new List<double>();

        var output = await LocalTranscode.RunAsync(input, Path.Combine(Dir, "work"), progress.Add, CancellationToken.None);

        Assert.Equal(["360p", "480p"], output.Rungs.Select(r => r.Name));
        Assert.Equal((360, 640), (output.Rungs[0].Width, output.Rungs[0].Height));
        Assert.True(output.Facts.HasAudio);
        Assert.True(File.Exists(Path.Combine(output.HlsDirectory, FfmpegLadderArguments.MasterPlaylist)));
        Assert.True(new FileInfo(output.Thumbnail).Length > 0);
        Assert.Equal(1, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public async Task Random_bytes_are_invalid_media_at_once()
    {
        var input = Path.Combine(Dir, "random.mp4");
        await File.WriteAllBytesAsync(input, System.Security.Cryptography.RandomNumberGenerator.GetBytes(100_000));

        await Assert.ThrowsAsync<InvalidMediaException>(() => LocalTranscode.RunAsync(input, Path.Combine(Dir, "work"), null, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_truncated_file_is_invalid_media_even_when_it_probes_whole(bool faststart)
    {
        var whole = await TestMedia.GenerateAsync(Path.Combine(Dir, "whole.mp4"), 640, 360, 6, audio: true, faststart);
        var bytes = await File.ReadAllBytesAsync(whole);
        var truncated = Path.Combine(Dir, "truncated.mp4");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);

        var refused = await Assert.ThrowsAsync<InvalidMediaException>(() => LocalTranscode.RunAsync(truncated, Path.Combine(Dir, "work"), null, CancellationToken.None));
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }
}
