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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static async Task<(T? Value, IResult? Problem)> Read<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.Of(Abstractions.Commands.RejectionKind.Invalid, $"the request body is larger than {MaxBytes} bytes"));
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Invalid("the request body must be JSON (Content-Type: application/json)"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.Invalid($"the request body is larger than {MaxBytes} bytes"));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.Invalid("the request body is empty; a JSON object is required"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? (null, Problems.Invalid("the request body must be a JSON object, not null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Invalid($"the request body is not acceptable: {Explain(ex)}"));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, Problems.Invalid("the request body is not valid UTF-8"));
        }
    }

    private static string Explain(JsonException ex)
    {
        var field = ex.Path is null or "$" ? null : ex.Path.TrimStart('$', '.');
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"unknown field '{field}'; only the documented fields are accepted";
        }

        if (field is not null && ex.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
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
