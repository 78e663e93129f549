using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>A host environment of a given name, for the rules that depend on it.</summary>
public sealed class FakeHostEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "Platform.Unit.Tests";
    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
