using System.Text.Json.Nodes;
using CommitteeGrid.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace CommitteeGrid.Deploy.Tests.Infrastructure;

/// <summary>Where an environment variable of the silo container comes from.</summary>
internal enum EnvOrigin
{
    Literal,
    ConfigMap,
    Secret,
    Field,
}

/// <summary>One resolved environment variable: Value is null for a Secret the rendering does not carry.</summary>
internal sealed record EnvVar(string Name, string? Value, EnvOrigin Origin, string Source);

/// <summary>The silo Deployment of a rendering and the configuration the host would bind inside its pod.</summary>
internal sealed class SiloPod
{
    public const string DeploymentName = "committeegrid-silo";
    public const string ContainerName = "silo";

    // What the downward API would hand a pod; any IP will do, the host parses it.
    private static readonly Dictionary<string, string> SampleFields = new(StringComparer.Ordinal)
    {
        ["status.podIP"] = "10.244.1.7",
        ["metadata.name"] = "committeegrid-silo-7d9f8-x2k4q",
        ["metadata.namespace"] = "committeegrid",
    };

    private SiloPod(Manifests manifests)
    {
        Manifests = manifests;
        Deployment = manifests.Single("Deployment", DeploymentName);
        Container = Manifests.Containers(Deployment).Single(c => Manifests.Str(c["name"]) == ContainerName);
        Ports = Manifests.Array(Container["ports"]).ToDictionary(p => Manifests.Str(p["name"]), p => (int)Manifests.Int(p["containerPort"]), StringComparer.Ordinal);
        Env = ResolveEnv();
        Options = Bind(Env.Values);
    }

    public Manifests Manifests { get; }

    public JsonObject Deployment { get; }

    public JsonObject Container { get; }

    /// <summary>Container ports by name.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    /// <summary>The container's environment as Kubernetes composes it: envFrom first, env entries win.</summary>
    public IReadOnlyDictionary<string, EnvVar> Env { get; }

    /// <summary>CommitteeGridOptions bound from the host's appsettings.json and the pod's environment.</summary>
    public CommitteeGridOptions Options { get; }

    public JsonObject PodSpec => Manifests.PodSpec(Deployment);

    public static async Task<SiloPod> RenderAsync(string folder) => new(await Kustomize.RenderAsync(folder));

    /// <summary>Binds the way the host does: section CommitteeGrid, environment keys with "__" for ":".</summary>
    public static CommitteeGridOptions Bind(IEnumerable<EnvVar> env)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Repo.Root, "src", "CommitteeGrid.Host", "appsettings.json"), optional: false)
            .AddInMemoryCollection(env.Select(e => KeyValuePair.Create(e.Name.Replace("__", ":", StringComparison.Ordinal), (string?)(e.Value ?? $"<{e.Source}>"))))
            .Build();
        return configuration.GetSection("CommitteeGrid").Get<CommitteeGridOptions>() ?? new CommitteeGridOptions();
    }

    private Dictionary<string, EnvVar> ResolveEnv()
    {
        var env = new Dictionary<string, EnvVar>(StringComparer.Ordinal);
        foreach (var from in Manifests.Array(Container["envFrom"]))
        {
            if (from["configMapRef"]?["name"] is JsonNode configMapName)
            {
                var configMap = Manifests.Single("ConfigMap", Manifests.Str(configMapName));
                foreach (var (key, value) in configMap["data"]?.AsObject() ?? [])
                {
                    env[key] = new EnvVar(key, Manifests.Str(value), EnvOrigin.ConfigMap, $"configmap {Manifests.Str(configMapName)}");
                }
            }
            else if (from["secretRef"]?["name"] is JsonNode secretName)
            {
                var secret = Manifests.Find("Secret", Manifests.Str(secretName));
                foreach (var (key, _) in secret?["data"]?.AsObject() ?? [])
                {
                    env[key] = new EnvVar(key, Manifests.SecretValue(secret!, key), EnvOrigin.Secret, $"secret {Manifests.Str(secretName)}/{key}");
                }
            }
        }

        foreach (var entry in Manifests.Array(Container["env"]))
        {
            var name = Manifests.Str(entry["name"]);
            var from = entry["valueFrom"];
            env[name] = from switch
            {
                null => new EnvVar(name, Manifests.Str(entry["value"]), EnvOrigin.Literal, "value"),
                _ when from["fieldRef"] is JsonNode field => new EnvVar(
                    name,
                    SampleFields.GetValueOrDefault(Manifests.Str(field["fieldPath"])),
                    EnvOrigin.Field,
                    Manifests.Str(field["fieldPath"])),
                _ when from["configMapKeyRef"] is JsonNode key => new EnvVar(
                    name,
                    Manifests.Str(Manifests.Single("ConfigMap", Manifests.Str(key["name"]))["data"]?[Manifests.Str(key["key"])]),
                    EnvOrigin.ConfigMap,
                    $"configmap {Manifests.Str(key["name"])}"),
                _ when from["secretKeyRef"] is JsonNode key => new EnvVar(
                    name,
                    Manifests.Find("Secret", Manifests.Str(key["name"])) is { } secret ? Manifests.SecretValue(secret, Manifests.Str(key["key"])) : null,
                    EnvOrigin.Secret,
                    $"secret {Manifests.Str(key["name"])}/{Manifests.Str(key["key"])}"),
                _ => throw new InvalidOperationException($"Unsupported valueFrom for {name}: {from.ToJsonString()}"),
            };
        }

        return env;
    }
}
