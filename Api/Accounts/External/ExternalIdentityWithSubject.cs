using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.External;

public sealed record ExternalIdentityWithSubject(string Subject, ExternalIdentity Identity);
