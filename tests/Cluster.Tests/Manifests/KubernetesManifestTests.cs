using Xunit;

namespace Ddl.Cluster.Tests.Manifests;

/// <summary>
/// k8s/ read as an operator's tooling reads it, offline: each object against the Kubernetes
/// OpenAPI schema of its kind, then the rules cluster mode needs (downward API, probes, grace
/// period, Services, PodDisruptionBudget). A broken copy proves the check can fail.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string K8s = Path.Combine(ManifestValidator.RepositoryRoot(), "k8s");

    [Fact]
    public async Task the_k8s_manifests_hold_their_kubernetes_schemas_and_the_cluster_rules()
    {
        var result = await ManifestValidator.RunAsync(K8s);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("OK ", result.Output);
    }

    [Fact]
    public async Task a_port_written_as_a_string_breaks_the_schema_and_is_refused()
    {
        var result = await ValidateBrokenCopyAsync("deployment.yaml", "containerPort: 8080", "containerPort: \"8080\"");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("containerPort must be integer", result.Output);
    }

    [Fact]
    public async Task an_unknown_kind_is_refused()
    {
        var result = await ValidateBrokenCopyAsync("pdb.yaml", "kind: PodDisruptionBudget", "kind: PodDisruptionBudgett");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown apiVersion/kind policy/v1/PodDisruptionBudgett", result.Output);
    }

    [Fact]
    public async Task a_grace_period_shorter_than_the_host_shutdown_timeout_is_refused()
    {
        var result = await ValidateBrokenCopyAsync("deployment.yaml", "terminationGracePeriodSeconds: 150", "terminationGracePeriodSeconds: 60");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("must exceed the host shutdown timeout", result.Output);
    }

    [Fact]
    public async Task a_service_that_selects_no_silo_is_refused()
    {
        var result = await ValidateBrokenCopyAsync("services.yaml",
            "publishNotReadyAddresses: true\n  selector:\n    app.kubernetes.io/name: ddl",
            "publishNotReadyAddresses: true\n  selector:\n    app.kubernetes.io/name: ddl-typo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Service/ddl-silo: selects no pod", result.Output);
    }

    private static async Task<ManifestValidator.Result> ValidateBrokenCopyAsync(string file, string from, string to)
    {
        var copy = Directory.CreateTempSubdirectory("ddl-k8s-");
        try
        {
            foreach (var source in Directory.GetFiles(K8s, "*.yaml"))
            {
                File.Copy(source, Path.Combine(copy.FullName, Path.GetFileName(source)));
            }
            var path = Path.Combine(copy.FullName, file);
            var text = await File.ReadAllTextAsync(path);
            Assert.Contains(from, text);
            await File.WriteAllTextAsync(path, text.Replace(from, to));
            return await ManifestValidator.RunAsync(copy.FullName);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
