using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using CommitteeGrid.Deploy.Tests.Infrastructure;
using CommitteeGrid.Host.Hosting;
using static CommitteeGrid.Deploy.Tests.Infrastructure.Manifests;

namespace CommitteeGrid.Deploy.Tests;

/// <summary>
/// Every overlay under k8s/overlays, rendered by kubectl kustomize, checked against the host's real
/// configuration: CommitteeGridOptions as the host binds it inside the pod, the paths it maps, its shutdown timeout.
/// </summary>
public sealed class OverlayTests
{
    public static TheoryData<string> Overlays() => [.. Repo.Overlays()];

    [Fact]
    public void Dev_and_production_overlays_exist()
    {
        Assert.Contains("dev", Repo.Overlays());
        Assert.Contains("production", Repo.Overlays());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Renders_the_silo_tier(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(Repo.Overlay(overlay));
        rendered.Single("Deployment", SiloPod.DeploymentName);
        rendered.Single("Service", "committeegrid-http");
        rendered.Single("PodDisruptionBudget", SiloPod.DeploymentName);
        rendered.Single("HorizontalPodAutoscaler", SiloPod.DeploymentName);
        Assert.Single(rendered.OfKind("ConfigMap"), c => Name(c).StartsWith("committeegrid-config", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Container_ports_are_the_ports_the_host_binds(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var options = silo.Options;

        Assert.Equal(["gateway", "http", "silo"], silo.Ports.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(options.SiloPort, silo.Ports["silo"]);
        Assert.Equal(options.GatewayPort, silo.Ports["gateway"]);

        // The kubelet and the Service reach the pod IP, so the host must not listen on loopback (its default).
        var http = new Uri(options.Http);
        Assert.Equal(silo.Ports["http"], http.Port);
        Assert.Equal("0.0.0.0", http.Host);
        Assert.NotEqual(new CommitteeGridOptions().Http, options.Http);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silo_uses_postgres_membership_and_advertises_the_pod_ip(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));

        // A connection string switches SiloSetup to ADO.NET clustering, whose membership rows carry the advertised address.
        Assert.True(silo.Options.UsesPostgres);
        Assert.Equal(EnvOrigin.Secret, silo.Env["COMMITTEEGRID__POSTGRES"].Origin);
        Assert.Equal((EnvOrigin.Field, "status.podIP"), (silo.Env["COMMITTEEGRID__ADVERTISEDADDRESS"].Origin, silo.Env["COMMITTEEGRID__ADVERTISEDADDRESS"].Source));
        Assert.True(System.Net.IPAddress.TryParse(silo.Options.AdvertisedAddress, out _));
        Assert.Equal((EnvOrigin.Field, "metadata.name"), (silo.Env["POD_NAME"].Origin, silo.Env["POD_NAME"].Source));
        Assert.Equal((EnvOrigin.Field, "metadata.namespace"), (silo.Env["POD_NAMESPACE"].Origin, silo.Env["POD_NAMESPACE"].Source));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Token_signing_key_comes_from_a_secret_and_the_host_would_accept_it(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var key = silo.Env["COMMITTEEGRID__SIGNINGKEY"];
        Assert.Equal(EnvOrigin.Secret, key.Origin);
        Assert.False(string.IsNullOrEmpty(silo.Options.SigningKey));
        if (key.Value is not null)
        {
            Assert.Equal(key.Value, silo.Options.SigningKey);
            // Rendered (dev only): a placeholder, but one the host parses, so the dev silo starts.
            Assert.True(Host.Security.SigningKey.Parse(key.Value).Length >= Host.Security.SigningKey.MinBytes);
            Assert.Equal("dev", overlay);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_host_setting_names_a_CommitteeGridOptions_property(string overlay)
    {
        // The binder ignores unknown keys silently: a misspelt key would leave the default in force.
        var properties = typeof(CommitteeGridOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var settings = silo.Env.Keys.Where(k => k.StartsWith("COMMITTEEGRID__", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, key => Assert.Contains(key["COMMITTEEGRID__".Length..], properties));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Network_file_is_a_seed_baked_into_the_image(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        const string AppFolder = "/app/";

        // The Dockerfile's runtime stage works in /app and copies seeds/ there.
        Assert.StartsWith(AppFolder, silo.Options.NetworkFile, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repo.Root, silo.Options.NetworkFile[AppFolder.Length..])), silo.Options.NetworkFile);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_hit_the_host_health_endpoints_on_the_http_port(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var startup = Probe(silo, "startupProbe", HealthPaths.Ready);
        var readiness = Probe(silo, "readinessProbe", HealthPaths.Ready);
        var liveness = Probe(silo, "livenessProbe", HealthPaths.Live);

        // Start-up (schema migration, cluster join) gets at least a minute before liveness may restart the pod.
        Assert.True(Int(startup["periodSeconds"]) * Int(startup["failureThreshold"]) >= 60);
        Assert.True(Int(liveness["failureThreshold"]) >= 3, "one slow answer must not restart a silo");
        Assert.True(Int(readiness["periodSeconds"]) <= Int(liveness["periodSeconds"]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Grace_period_outlasts_prestop_plus_the_host_shutdown_timeout(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var configured = silo.Env["COMMITTEEGRID__SHUTDOWNTIMEOUT"];
        Assert.Equal(EnvOrigin.ConfigMap, configured.Origin);
        var shutdownTimeout = TimeSpan.Parse(configured.Value!, CultureInfo.InvariantCulture);
        Assert.Equal(shutdownTimeout, silo.Options.ShutdownTimeout);

        var grace = Int(silo.PodSpec["terminationGracePeriodSeconds"]);
        var preStop = PreStopSeconds(silo.Container);
        Assert.True(preStop > 0, "a preStop pause lets endpoints drop the pod before the silo stops serving");
        Assert.True(
            grace > preStop + shutdownTimeout.TotalSeconds,
            $"terminationGracePeriodSeconds {grace} must exceed preStop {preStop} s + shutdown timeout {shutdownTimeout.TotalSeconds} s");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Referenced_secret_keys_exist_or_are_documented(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(Repo.Overlay(overlay));
        var references = rendered.Workloads()
            .SelectMany(w => Containers(w).Concat(Array(PodSpec(w)["initContainers"])))
            .SelectMany(c => Array(c["env"]))
            .Select(e => e["valueFrom"]?["secretKeyRef"])
            .OfType<JsonObject>()
            .Select(r => (Name: Str(r["name"]), Key: Str(r["key"])))
            .ToList();
        Assert.NotEmpty(references);

        foreach (var (name, key) in references)
        {
            if (rendered.Find("Secret", name) is { } secret)
            {
                Assert.NotNull(SecretValue(secret, key));
                continue;
            }

            // Created out of band (production): the README says how, and the example file has the key.
            var readme = File.ReadAllText(Path.Combine(Repo.K8s, "README.md"));
            Assert.Contains(name, readme, StringComparison.Ordinal);
            Assert.Contains(key, readme, StringComparison.Ordinal);
            Assert.Contains(Directory.GetFiles(Repo.Base, "*.example.env"), file => File.ReadAllText(file).Contains($"{key}=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Only_the_dev_overlay_carries_a_secret()
    {
        Assert.Empty((await Kustomize.RenderAsync(Repo.Base)).OfKind("Secret"));
        foreach (var overlay in Repo.Overlays().Where(o => o != "dev"))
        {
            Assert.Empty((await Kustomize.RenderAsync(Repo.Overlay(overlay))).OfKind("Secret"));
        }
    }

    [Fact]
    public async Task Dev_connection_string_reaches_the_dev_postgres()
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay("dev"));
        var connection = new DbConnectionStringBuilder { ConnectionString = silo.Env["COMMITTEEGRID__POSTGRES"].Value };
        var service = silo.Manifests.Single("Service", (string)connection["Host"]);
        Assert.Contains(Array(service["spec"]!["ports"]), p => Int(p["port"]) == long.Parse((string)connection["Port"], CultureInfo.InvariantCulture));

        // The database's own credentials come from the dev Secret its StatefulSet reads.
        var postgres = silo.Manifests.Single("StatefulSet", "postgres");
        var secret = silo.Manifests.Single("Secret", Str(Array(Containers(postgres).Single()["envFrom"]).Single()["secretRef"]!["name"]));
        Assert.Equal(SecretValue(secret, "POSTGRES_USER"), connection["Username"]);
        Assert.Equal(SecretValue(secret, "POSTGRES_PASSWORD"), connection["Password"]);
        Assert.Equal(SecretValue(secret, "POSTGRES_DB"), connection["Database"]);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Autoscaler_scales_the_silos_up_fast_and_down_gently(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var hpa = silo.Manifests.Single("HorizontalPodAutoscaler", SiloPod.DeploymentName);
        var spec = hpa["spec"]!;

        Assert.Equal("autoscaling/v2", Str(hpa["apiVersion"]));
        Assert.Equal(("Deployment", SiloPod.DeploymentName), (Str(spec["scaleTargetRef"]!["kind"]), Str(spec["scaleTargetRef"]!["name"])));
        var (min, max) = (Int(spec["minReplicas"]), Int(spec["maxReplicas"]));
        Assert.InRange(min, 1, max - 1);
        Assert.InRange(Int(silo.Deployment["spec"]!["replicas"]), min, max);

        // CPU utilization is measured against requests: without one the HPA cannot act.
        Assert.Contains(Array(spec["metrics"]), m => Str(m["resource"]?["name"]) == "cpu");
        Assert.NotEqual("", Str(silo.Container["resources"]?["requests"]?["cpu"]));

        var scaleDown = spec["behavior"]!["scaleDown"]!;
        var scaleUp = spec["behavior"]!["scaleUp"]!;
        Assert.True(Int(scaleDown["stabilizationWindowSeconds"]) >= 60, "scale-down needs a stabilization window");
        Assert.True(Int(scaleUp["stabilizationWindowSeconds"]) < Int(scaleDown["stabilizationWindowSeconds"]));
        Assert.All(Array(scaleDown["policies"]), p => Assert.True(Str(p["type"]) == "Pods" ? Int(p["value"]) <= 2 : Int(p["value"]) <= 50));
        Assert.NotEmpty(Array(scaleDown["policies"]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Disruption_budget_covers_the_silos_without_blocking_drains(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var pdb = silo.Manifests.Single("PodDisruptionBudget", SiloPod.DeploymentName);
        var selector = Labels(pdb["spec"]!["selector"]!["matchLabels"]);

        Assert.NotEmpty(selector);
        Assert.Subset(PodLabels(silo.Deployment).ToHashSet(), selector.ToHashSet());
        Assert.Equal(Labels(silo.Deployment["spec"]!["selector"]!["matchLabels"]), selector);

        var minReplicas = Int(silo.Manifests.Single("HorizontalPodAutoscaler", SiloPod.DeploymentName)["spec"]!["minReplicas"]);
        var spec = pdb["spec"]!;
        if (spec["maxUnavailable"] is JsonNode maxUnavailable)
        {
            Assert.DoesNotMatch("^0%?$", Str(maxUnavailable));
        }
        else
        {
            Assert.True(Int(spec["minAvailable"]) < minReplicas, "minAvailable at the replica count would block every drain");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Services_select_pods_and_target_named_container_ports(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(Repo.Overlay(overlay));
        foreach (var service in rendered.OfKind("Service"))
        {
            var selector = Labels(service["spec"]!["selector"]).ToHashSet();
            var workload = Assert.Single(rendered.Workloads(), w => selector.Count > 0 && selector.IsSubsetOf(PodLabels(w).ToHashSet()));
            var portNames = Containers(workload).SelectMany(c => Array(c["ports"])).Select(p => Str(p["name"])).ToHashSet(StringComparer.Ordinal);
            Assert.All(Array(service["spec"]!["ports"]), p => Assert.Contains(Str(p["targetPort"]), portNames));
        }

        var http = rendered.Single("Service", "committeegrid-http");
        Assert.Equal("ClusterIP", Str(http["spec"]!["type"]));
        Assert.Equal("http", Str(Assert.Single(Array(http["spec"]!["ports"]))["targetPort"]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_resource_and_pod_template_carries_the_common_labels(string overlay)
    {
        var common = CommonLabels();
        Assert.NotEmpty(common);
        var rendered = await Kustomize.RenderAsync(Repo.Overlay(overlay));

        Assert.All(rendered.All, r => Assert.Subset(Labels(r["metadata"]!["labels"]).ToHashSet(), common.ToHashSet()));
        Assert.All(rendered.Workloads(), w => Assert.Subset(PodLabels(w).ToHashSet(), common.ToHashSet()));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silo_runs_non_root_read_only_with_resources(string overlay)
    {
        var silo = await SiloPod.RenderAsync(Repo.Overlay(overlay));
        var security = silo.Container["securityContext"]!;

        Assert.Equal(true, silo.PodSpec["securityContext"]?["runAsNonRoot"]?.GetValue<bool>());
        Assert.NotEqual(0, Int(silo.PodSpec["securityContext"]!["runAsUser"]));
        Assert.Equal(true, security["readOnlyRootFilesystem"]?.GetValue<bool>());
        Assert.Equal(false, security["allowPrivilegeEscalation"]?.GetValue<bool>());

        // A read-only root still needs a writable /tmp for .NET.
        var tmp = Assert.Single(Array(silo.Container["volumeMounts"]), m => Str(m["mountPath"]) == "/tmp");
        var volume = Assert.Single(Array(silo.PodSpec["volumes"]), v => Str(v["name"]) == Str(tmp["name"]));
        Assert.NotNull(volume["emptyDir"]);

        foreach (var (kind, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "memory") })
        {
            Assert.NotEqual("", Str(silo.Container["resources"]?[kind]?[resource]));
        }
    }

    [Fact]
    public async Task Dockerfile_exposes_the_container_ports_and_runs_non_root()
    {
        var silo = await SiloPod.RenderAsync(Repo.Base);
        var dockerfile = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var runtime = dockerfile.Skip(dockerfile.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();

        var exposed = runtime.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(l => l["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .Order();
        Assert.Equal(silo.Ports.Values.Order(), exposed);

        Assert.Contains("WORKDIR /app", runtime);
        Assert.Contains(runtime, l => l.StartsWith("COPY seeds/", StringComparison.Ordinal));
        var user = Assert.Single(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
    }

    private static JsonObject Probe(SiloPod silo, string probe, string expectedPath)
    {
        var node = Assert.IsType<JsonObject>(silo.Container[probe]);
        var get = node["httpGet"]!;
        Assert.Equal(expectedPath, Str(get["path"]));

        // A named port must be one of the container's; a number must be the http port.
        var port = get["port"]!;
        Assert.Equal(silo.Ports["http"], port.GetValueKind() == System.Text.Json.JsonValueKind.String ? silo.Ports[Str(port)] : Int(port));
        Assert.True(Int(node["timeoutSeconds"]) < Int(node["periodSeconds"]));
        return node;
    }

    private static double PreStopSeconds(JsonObject container)
    {
        var preStop = container["lifecycle"]?["preStop"];
        if (preStop?["sleep"]?["seconds"] is JsonNode seconds)
        {
            return Int(seconds);
        }

        // exec: ["sleep", "5"] or ["sh", "-c", "sleep 5"]
        var command = string.Join(' ', (preStop?["exec"]?["command"] as JsonArray ?? []).Select(Str));
        var match = System.Text.RegularExpressions.Regex.Match(command, @"sleep\s+(\d+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The labels the base kustomization puts on everything.</summary>
    private static Dictionary<string, string> CommonLabels()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Base, "kustomization.yaml"));
        var kustomization = Parse(text).All.Single();
        return Array(kustomization["labels"])
            .SelectMany(l => Labels(l["pairs"]))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
