using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CommitteeGrid.Host.Security;

/// <summary>The symmetric key tokens are signed with (HMAC-SHA256).</summary>
public sealed class SigningKey
{
    public const int MinBytes = 32;

    public SigningKey(byte[] bytes, bool generated)
    {
        if (bytes.Length < MinBytes)
        {
            throw new ArgumentException($"a signing key needs at least {MinBytes} bytes", nameof(bytes));
        }

        SecurityKey = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };
        Generated = generated;
    }

    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>True when made for this process only (the embedded demo): tokens die with it.</summary>
    public bool Generated { get; }

    /// <summary>
    /// The configured key, or a random one for the embedded demo. PostgreSQL mode never runs on a
    /// made-up key: several silos must agree on it and tokens must outlive a restart.
    /// </summary>
    public static SigningKey Resolve(string? configured, bool postgres)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (postgres)
            {
                throw new InvalidOperationException(
                    "CommitteeGrid:SigningKey is required in PostgreSQL mode (environment COMMITTEEGRID__SIGNINGKEY): " +
                    $"base64 of at least {MinBytes} random bytes, e.g. from `openssl rand -base64 32`, the same on every silo. " +
                    "Only the embedded demo runs without one (it makes a random key per process).");
            }

            return new SigningKey(RandomNumberGenerator.GetBytes(MinBytes), generated: true);
        }

        return new SigningKey(Parse(configured), generated: false);
    }

    public static byte[] Parse(string configured)
    {
        var buffer = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured.Trim(), buffer, out var length) || length < MinBytes)
        {
            throw new InvalidOperationException(
                $"CommitteeGrid:SigningKey must be base64 of at least {MinBytes} random bytes (e.g. `openssl rand -base64 32`); the value configured is not.");
        }

        return buffer[..length];
    }
}
