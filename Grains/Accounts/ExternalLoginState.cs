using Microsoft.Extensions.Logging;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("ExternalLoginState")]
public sealed class ExternalLoginState
{
    [Id(0)] public Guid? UserId { get; set; }
}
