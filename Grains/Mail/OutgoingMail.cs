namespace Platform.Grains.Mail;

[GenerateSerializer, Alias("OutgoingMail")]
public sealed record OutgoingMail(
    [property: Id(0)] string To,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Text,
    [property: Id(3)] string Html);
