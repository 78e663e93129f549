namespace Platform.Grains.Interfaces.Accounts;

public enum CodePurpose
{
    SignIn = 0,
    VerifyEmail = 1,
}
