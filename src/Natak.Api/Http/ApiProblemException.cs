namespace Natak.Api.Http;

/// <summary>Thrown inside a handler to answer with a problem document; the pipeline turns it into the response.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem.Detail ?? problem.Title)
{
    public ApiProblem Problem { get; } = problem;
}
