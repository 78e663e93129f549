namespace Platform.Integration.Tests.Transcoding;

/// <summary>A test with a temporary folder of its own for inputs and outputs, removed afterwards.</summary>
public abstract class WorkFolderTest : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("platform-media-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
