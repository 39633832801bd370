using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommitteeGrid.Deploy.Tests.Infrastructure;

/// <summary>The resources of one rendered kustomization, as JSON trees (plain YAML scalars typed as YAML 1.2 core).</summary>
internal sealed class Manifests(IReadOnlyList<JsonObject> resources)
{
    public IReadOnlyList<JsonObject> All { get; } = resources;

    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var resources = stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .ToList();
        return new Manifests(resources);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => All.Where(r => Kind(r) == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(r => Name(r) == name);

    public JsonObject Single(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"No {kind} {name} rendered (have: {string.Join(", ", All.Select(r => $"{Kind(r)}/{Name(r)}"))}).");

    /// <summary>Workloads that own pod templates.</summary>
    public IEnumerable<JsonObject> Workloads() => All.Where(r => Kind(r) is "Deployment" or "StatefulSet" or "DaemonSet");

    public static string Kind(JsonObject resource) => Str(resource["kind"]);

    public static string Name(JsonObject resource) => Str(resource["metadata"]?["name"]);

    public static Dictionary<string, string> Labels(JsonNode? labels) =>
        labels is JsonObject o ? o.ToDictionary(kv => kv.Key, kv => Str(kv.Value), StringComparer.Ordinal) : [];

    public static JsonObject PodSpec(JsonObject workload) => (JsonObject)workload["spec"]!["template"]!["spec"]!;

    public static Dictionary<string, string> PodLabels(JsonObject workload) => Labels(workload["spec"]!["template"]!["metadata"]?["labels"]);

    public static IEnumerable<JsonObject> Containers(JsonObject workload) => Array(PodSpec(workload)["containers"]);

    public static IEnumerable<JsonObject> Array(JsonNode? node) =>
        node is JsonArray a ? a.OfType<JsonObject>() : [];

    public static string Str(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    public static long Int(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        _ => throw new InvalidOperationException($"Not an integer: {node?.ToJsonString() ?? "(missing)"}"),
    };

    /// <summary>A Secret's value by key (data is base64, stringData plain), or null.</summary>
    public static string? SecretValue(JsonObject secret, string key)
    {
        if (secret["stringData"]?[key] is JsonNode plain)
        {
            return Str(plain);
        }

        return secret["data"]?[key] is JsonNode encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(Str(encoded))) : null;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    // Quoted scalars stay strings ("8080" in a ConfigMap); plain ones get YAML's core types.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is null or "" or "~" or "null")
        {
            return null;
        }

        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(value);
    }
}
