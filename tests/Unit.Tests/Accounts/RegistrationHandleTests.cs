using Platform.Api.Accounts;

namespace Platform.Unit.Tests.Accounts;

public sealed class RegistrationHandleTests
{
    [Fact]
    public void A_handle_comes_back_as_its_hash()
    {
        var handle = RegistrationHandle.Create();

        Assert.Equal(43, handle.Text.Length);
        Assert.Equal(handle.Hash, RegistrationHandle.TryHash(handle.Text));
        Assert.NotEqual(handle.Hash, RegistrationHandle.Create().Hash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a handle")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_else_is_not_a_handle(string text)
    {
        Assert.Null(RegistrationHandle.TryHash(text));
    }
}
