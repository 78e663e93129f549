namespace Platform.Api.Tests.Fixtures;

public static class Repository
{
    /// <summary>The checkout's root: the folder above the test binaries that holds Platform.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
