namespace Ddl.Silo.Configuration;

/// <summary>
/// The silo's settings, from the <c>Ddl</c> configuration section. Each has a command-line switch
/// and an environment variable (see <see cref="DdlConfiguration"/>).
/// </summary>
public sealed class DdlOptions
{
    public const string Section = "Ddl";

    /// <summary>Where the SQLite file, the genesis and the key files live. Default: <c>./ddl-data</c>.</summary>
    public string DataDir { get; set; } = "ddl-data";

    /// <summary>A PostgreSQL connection string; when set, entries are stored in PostgreSQL instead of SQLite.</summary>
    public string? Postgres { get; set; }

    /// <summary>Orleans silo-to-silo port (localhost clustering in the embedded mode).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Orleans ClusterOptions.ClusterId: silos (and clients) with the same id in the same database
    /// form one cluster. Cluster mode only; the embedded silo is always "ddl".
    /// </summary>
    public string ClusterId { get; set; } = "ddl";

    /// <summary>
    /// Orleans ClusterOptions.ServiceId: the key of reminders and grain state in the database. Keep it
    /// stable across deployments (a new ClusterId with the same ServiceId keeps the data).
    /// </summary>
    public string ServiceId { get; set; } = "ddl";

    /// <summary>
    /// The IP address this silo advertises to the others in the membership table (cluster mode).
    /// Default 127.0.0.1, for a cluster on one machine; in Kubernetes the pod IP.
    /// </summary>
    public string? AdvertiseIp { get; set; }

    /// <summary>The silo's name in the membership table (in Kubernetes the pod name); Orleans picks one when unset.</summary>
    public string? SiloName { get; set; }

    /// <summary>The address GraphQL is served on when <c>--urls</c> is not given.</summary>
    /// <summary>Serves the Orleans dashboard at /dashboard (grain and silo statistics). Off by default: it is unauthenticated.</summary>
    public bool Dashboard { get; set; }

    public const string DefaultUrl = "http://127.0.0.1:5080";

    public string StoreEngine => string.IsNullOrWhiteSpace(Postgres) ? "sqlite" : "postgres";

    public string FullDataDir => Path.GetFullPath(DataDir);
}
