using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CommitteeGrid.Domain.Ledger;

/// <summary>A fingerprint of a request, so that a reused idempotency key with a different body is told apart from a retry.</summary>
public static class RequestHash
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of<T>(string operation, string stream, T command)
    {
        var json = JsonSerializer.Serialize(command, Options);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + stream + "\n" + json));
        return Convert.ToHexStringLower(bytes);
    }
}
