using Azure;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Blob;

/// <summary>Turns the Blob SDK's failures into the one-line <see cref="PipelineException"/> a person reads.</summary>
internal static class BlobErrors
{
    /// <summary>What the SDK throws when storage is unreachable or refuses; never cancellation.</summary>
    public static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or AggregateException or HttpRequestException or IOException;

    public static PipelineException Wrap(string what, Exception e) =>
        new($"Blob storage: {what} failed: {Describe(e)}", e);

    private static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: 0 } r => FirstLine(r.InnerException?.Message ?? r.Message),
        RequestFailedException r => $"{r.Status} {r.ErrorCode ?? FirstLine(r.Message)}",
        // The SDK's retry policy gives up with an AggregateException of the attempts' failures.
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[^1]) + $" (after {a.InnerExceptions.Count} attempts)",
        _ => FirstLine(e.Message),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
