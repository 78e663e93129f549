namespace Platform.Grains.Interfaces.Transcoding;

/// <summary>
/// The transcoder of one video (key: the video id), an implicit subscriber of the job stream. It
/// records each job it receives on the job board and returns at once; the silos' transcode workers
/// run the recorded jobs.
/// </summary>
[Alias("ITranscoderGrain")]
public interface ITranscoderGrain : IGrainWithGuidKey;
