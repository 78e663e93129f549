using Orleans.Concurrency;

namespace Platform.Grains.Interfaces.Videos;

/// <summary>
/// Someone following one video's state (an API node serving its event stream). The video grain
/// tells every watcher each change; a watcher that does not renew its subscription within a
/// minute is forgotten.
/// </summary>
[Alias("IVideoWatcher")]
public interface IVideoWatcher : IGrainObserver
{
    [OneWay, Alias("Changed")] Task Changed(VideoView video);
}
