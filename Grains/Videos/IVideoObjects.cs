namespace Platform.Grains.Videos;

/// <summary>A video's objects in storage: everything under <c>videos/{id}/</c> (the upload and every ladder made of it).</summary>
public interface IVideoObjects
{
    /// <summary>The folder of every object of one video.</summary>
    static string FolderOf(Guid videoId) => $"videos/{videoId:N}/";

    /// <summary>Removes every object of the video; nothing there is fine.</summary>
    Task DeleteAllAsync(Guid videoId, CancellationToken ct = default);

    /// <summary>Copies every object under the folder <paramref name="from"/> to the same name under <paramref name="to"/> (storage-side).</summary>
    Task CopyFolderAsync(string from, string to, CancellationToken ct = default);

    /// <summary>Aborts the multipart upload <paramref name="uploadId"/> of <paramref name="key"/>, dropping its parts; one that is gone already is fine.</summary>
    Task AbortUploadAsync(string key, string uploadId, CancellationToken ct = default);

    /// <summary>Removes every object under the folder <paramref name="prefix"/>; nothing there is fine.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken ct = default);
}
