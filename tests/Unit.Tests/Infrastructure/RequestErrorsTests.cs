using Platform.Api.Infrastructure.Errors;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Optional free text in a request (a name, a title): trimmed, visible, NFC, bounded in characters people see.</summary>
public sealed class RequestErrorsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")] // an ideographic space is white space too
    public void Missing_or_blank_text_is_no_value_and_no_error(string? value)
    {
        var errors = new RequestErrors();
        Assert.Null(errors.Text(value, "name", 10));
        Assert.False(errors.Any);
    }

    [Fact]
    public void Text_is_trimmed() => Assert.Equal("Ann Smith", new RequestErrors().Text("  Ann Smith \n", "name", 100));

    [Fact]
    public void Text_is_returned_in_normalisation_form_C()
    {
        var errors = new RequestErrors();
        Assert.Equal("\u00e9l\u00e9onore", errors.Text("e\u0301le\u0301onore", "name", 100));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("evil\u202Ename")] // bidi override
    [InlineData("a\u200Db")] // zero-width joiner
    [InlineData("a\0b")] // NUL
    [InlineData("line\nbreak")]
    public void Hidden_or_malformed_characters_are_a_field_error(string value)
    {
        var errors = new RequestErrors();
        Assert.Null(errors.Text(value, "name", 100));
        Assert.True(errors.Any);
        Assert.Equal(new[] { "Contains characters that are not allowed." }, ErrorsOf(errors)["name"]);
    }

    [Fact]
    public void A_lone_surrogate_is_a_field_error()
    {
        var errors = new RequestErrors();
        Assert.Null(errors.Text(new string(new[] { 'a', (char)0xD800, 'b' }), "name", 100));
        Assert.Equal(new[] { "Contains characters that are not allowed." }, ErrorsOf(errors)["name"]);
    }

    [Fact]
    public void Length_is_counted_in_characters_people_see()
    {
        var errors = new RequestErrors();
        // Three emoji (six UTF-16 code units) and three accented letters written with combining marks.
        Assert.Equal("\U0001F600\U0001F600\U0001F600", errors.Text("\U0001F600\U0001F600\U0001F600", "name", 3));
        Assert.Equal("\u00e9\u00e9\u00e9", errors.Text("e\u0301e\u0301e\u0301", "name", 3));
        Assert.False(errors.Any);
    }

    [Fact]
    public void Text_over_the_limit_is_a_field_error_naming_the_limit()
    {
        var errors = new RequestErrors();
        Assert.Null(errors.Text("\U0001F600\U0001F600\U0001F600\U0001F600", "title", 3));
        Assert.Equal(new[] { "At most 3 characters." }, ErrorsOf(errors)["title"]);
    }

    [Fact]
    public void Errors_of_several_fields_are_kept_apart_and_in_order()
    {
        var errors = new RequestErrors();
        errors.Add("email", "first");
        errors.Add("password", "second");
        errors.Add("email", "third");
        var all = ErrorsOf(errors);
        Assert.Equal(new[] { "first", "third" }, all["email"]);
        Assert.Equal(new[] { "second" }, all["password"]);
    }

    [Fact]
    public void The_problem_is_a_400_validation_failed_with_the_errors()
    {
        var errors = new RequestErrors();
        errors.Add("email", "Email is required.");
        var problem = errors.ToProblem();
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("validation_failed", problem.ProblemDetails.Extensions["code"]);
        Assert.Contains("Email is required.", problem.ProblemDetails.Detail);
    }

    internal static IDictionary<string, string[]> ErrorsOf(RequestErrors errors) =>
        Assert.IsAssignableFrom<IDictionary<string, string[]>>(errors.ToProblem().ProblemDetails.Extensions["errors"]);
}
