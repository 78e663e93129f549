using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Interfaces.Text;

namespace Platform.Api.Infrastructure.Errors;

/// <summary>
/// Collects field errors of one request and turns them into one validation problem. Features add
/// their own field rules as extension methods (e.g. <c>AccountFields</c>).
/// </summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public ProblemHttpResult ToProblem() => ApiProblems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>Optional free text: trimmed, bounded (in characters and in bytes), no control or invisible formatting characters.</summary>
    public string? Text(string? value, string field, int maxLength)
    {
        var text = UnicodeText.NormalizeText(value, maxLength, out var problem);
        if (problem is not null) Add(field, problem);
        return text;
    }
}
