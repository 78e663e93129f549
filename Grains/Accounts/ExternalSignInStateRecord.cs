using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("ExternalSignInStateRecord")]
public sealed class ExternalSignInStateRecord
{
    [Id(0)] public PendingExternalSignIn? Pending { get; set; }
}
