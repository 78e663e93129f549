namespace Platform.Grains.Videos;

/// <summary>A video's objects in storage: everything under <c>videos/{id}/</c> (the upload and every ladder made of it).</summary>
public interface IVideoObjects
{
    /// <summary>The folder of every object of one video.</summary>
    static string FolderOf(Guid videoId) => $"videos/{videoId:N}/";

    /// <summary>Removes every object of the video; nothing there is fine.</summary>
    Task DeleteAllAsync(Guid videoId, CancellationToken ct = default);
}
