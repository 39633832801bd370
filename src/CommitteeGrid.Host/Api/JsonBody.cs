using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// Reads a JSON request body strictly (unknown fields refused, size capped) and turns every failure into
/// a message a caller can act on, instead of the framework's bare 400.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. <paramref name="hints"/> says, per field, what a value of
    /// the wrong type should have been (e.g. the words an enum accepts), for this endpoint's own fields.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> Read<T>(HttpRequest request, IReadOnlyDictionary<string, string>? hints = null)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Invalid("the request body must be JSON (Content-Type: application/json)"));
        }

        // Sized from Content-Length when the client sent one, and read through a pooled chunk: a fresh 8 KiB
        // array per request was about 7% of all the silo allocated at a plenary peak.
        using var buffer = new MemoryStream(request.ContentLength is long declared and > 0 ? (int)declared : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, TooLarge());
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var start = bytes.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty)
        {
            return (null, Problems.Invalid("the request body is empty; a JSON object is required"));
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (null, Problems.Invalid("the request body is not valid UTF-8"));
        }

        if (start.StartsWith("null"u8))
        {
            return (null, Problems.Invalid("the request body must be a JSON object, not null"));
        }

        if (start[0] != (byte)'{')
        {
            return (null, Problems.Invalid("the request body must be a JSON object ({ ... })"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null ? (null, Problems.Invalid("the request body must be a JSON object, not null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Invalid($"the request body is not acceptable: {Explain(ex, hints)}"));
        }
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large",
        detail: $"the request body is larger than {MaxBytes} bytes ({MaxBytes / 1024} KiB)");

    /// <summary>application/json, optionally with a charset that is UTF-8.</summary>
    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static string Explain(JsonException ex, IReadOnlyDictionary<string, string>? hints)
    {
        var field = ex.Path is null or "$" ? null : ex.Path.TrimStart('$', '.');
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"unknown field '{field}'; only the documented fields are accepted";
        }

        if (ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return field is null ? "a field appears twice" : $"field '{field}' appears twice";
        }

        if (ex.InnerException is { } inner && inner.Message.Contains("UTF", StringComparison.Ordinal))
        {
            return $"field '{field}' is not valid Unicode text (a lone surrogate or invalid encoding)";
        }

        if (field is not null && ex.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            if (hints is not null && hints.TryGetValue(field, out var hint))
            {
                return hint;
            }

            return field switch
            {
                "action" => "action must be one of adopt, forward, decline, return, endorse",
                "date" => "date must be a date written yyyy-MM-dd",
                _ => $"field '{field}' has a value of the wrong type",
            };
        }

        // Syntax errors: the reader's own words name the problem and position, without type names.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
