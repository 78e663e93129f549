namespace Platform.Grains.Interfaces.Accounts;

/// <summary>One external identity (key: "{provider}:{subject}") and the user it is linked to.</summary>
[Alias("IExternalLoginGrain")]
public interface IExternalLoginGrain : IGrainWithStringKey
{
    [Alias("SignIn")] Task<SignInOutcome> SignIn(ExternalIdentity identity);
}
