namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("EmailAddressState")]
public sealed class EmailAddressState
{
    [Id(0)] public Guid? Owner { get; set; }
    [Id(1)] public List<DateTimeOffset> LoginFailures { get; set; } = [];
    [Id(2)] public List<DateTimeOffset> CodeSends { get; set; } = [];
}
