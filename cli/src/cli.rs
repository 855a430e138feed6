//! Command-line definitions: every command, flag and help example.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::keys::{parse_key_spec, KeySpec};

/// sdkit: SpotDraft webhooks on the command line.
#[derive(Debug, Parser)]
#[command(
    name = "sdkit",
    version,
    about = "Sign, verify and diagnose SpotDraft webhooks, send test deliveries, and run a durable receiver",
    after_help = "Examples:\n  \
      export SPOTDRAFT_HMAC_KEYS=\"$HMAC_KEY\"    # the hmac_key, or label:key,... for rotation\n  \
      sdkit sign examples/payloads/contract-executed.json\n  \
      sdkit serve --store sqlite:./spotdraft-inbox.db\n  \
      sdkit send --to http://127.0.0.1:8080/webhooks/spotdraft examples/payloads/*.json\n  \
      sdkit log --since 1h\n\n\
      Keys: SPOTDRAFT_HMAC_KEYS holds a base64 key or label:key,... (rotation: old and new side by\n\
      side); every command that needs a key reads it. --key [label=]<base64 | @file | env:VAR>,\n\
      repeatable, overrides it.\n\
      Exit codes: 0 ok, 1 negative verdict or failed operation, 2 bad input."
)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the signature SpotDraft would send for a body (the header value; --header for the line).
    #[command(after_help = "Examples:\n  \
        SIG=$(sdkit sign body.json) && sdkit diagnose --signature \"$SIG\" body.json\n  \
        curl -H \"$(sdkit sign --header --key @hmac.key body.json)\" --data-binary @body.json \\\n      http://127.0.0.1:8080/webhooks/spotdraft\n  \
        sdkit sign --key @hmac.key - < body.json\n\n\
        Without --key, the key comes from SPOTDRAFT_HMAC_KEYS (a key, or label:key,...; the first signs).")]
    Sign(SignArgs),
    /// Check a signature: exit 0 when it matches, 1 when not.
    #[command(after_help = "Examples:\n  \
        sdkit verify --key @hmac.key --signature 3f9a...e1 body.json\n  \
        sdkit verify --key new=@new.key --key old=@old.key --signature \"$SIG\" --json - < body.json")]
    Verify(CheckArgs),
    /// Explain why a signature does not match (re-serialised JSON, newline, key encoding, ...).
    #[command(after_help = "Examples:\n  \
        sdkit diagnose --key @hmac.key --signature \"$SIG\" received-body.json\n  \
        sdkit diagnose --key @hmac.key --signature \"$SIG\" --json received-body.json")]
    Diagnose(CheckArgs),
    /// Send signed deliveries to a receiver as SpotDraft would (and misbehave on request).
    #[command(after_help = "Examples:\n  \
        sdkit send --to http://127.0.0.1:8080/webhooks/spotdraft --key @test.key examples/payloads/*.json\n  \
        sdkit send --to $URL --key @test.key --duplicate 2 --shuffle --tamper --wrong-key --reserialize \\\n      examples/payloads/*.json\n  \
        sdkit send --to $URL --key @test.key --events 1000 --duplicate 200 --tamper=10 \\\n      --concurrency 16 --json examples/payloads/*.json\n\n\
        Exit 1 when a delivery gets no answer or one that contradicts EXPECT: 401 for tampered,\n\
        wrong-key and re-serialised copies; 202 or 200 for an event's copies, with at most one 202\n\
        per event (a second 202 is a duplicate the receiver did not detect).")]
    Send(SendArgs),
    /// Run the reference receiver: verify, persist, dedupe, answer 202, process in the background.
    #[command(after_help = "Examples:\n  \
        sdkit serve    # keys from SPOTDRAFT_HMAC_KEYS\n  \
        sdkit serve --key prod=@prod.key --listen 0.0.0.0:8080 --store sqlite:/var/lib/sdkit/inbox.db \\\n      --exec ./handle-delivery.sh\n  \
        SDKIT_STORE_PASSWORD_FILE=/run/secrets/db sdkit serve --key prod=cred:hmac \\\n      --store postgres://sdkit@db/sdkit --forward http://127.0.0.1:9000/contracts/events\n\n\
        Keys stay out of `ps`: --key @FILE (mode 600; readable by others is refused), env:VAR,\n\
        cred:NAME ($CREDENTIALS_DIRECTORY/NAME, systemd LoadCredential=) or - (stdin). An inline\n\
        key works but warns. The store password comes from SDKIT_STORE_PASSWORD_FILE or PGPASSWORD.\n\n\
        POST only to --path; answers 202 (stored), 200 {\"duplicate\":true}, 401/400/413 (rejected),\n\
        408 (body too slow), 503 + Retry-After (store down or receiver full: SpotDraft retries).\n\
        GET/HEAD --health-path answers 200 while the store is reachable, 503 while it is not.\n\n\
        Guarantees. Every acknowledged delivery is stored, once. Handlers run AT LEAST ONCE per\n\
        event: each attempt is committed (counted) before the handler starts, so after a crash or\n\
        an ended lease the handler runs again and `sdkit log` shows the extra attempt. Make handlers\n\
        idempotent with SDKIT_IDEMPOTENCY_KEY (the dedupe key; SDKIT_ATTEMPT is the attempt).\n\
        --exec gets the delivery JSON on stdin, runs in its own process group without the keys or\n\
        store credentials in its environment; exit 0 marks it processed, anything else retries\n\
        with backoff up to --max-attempts; --handler-timeout kills the whole group.\n\
        --forward sends Idempotency-Key (the dedupe key) and commits the outcome only on a 2xx\n\
        answer: EXACTLY ONCE effects when the target applies each Idempotency-Key once.")]
    Serve(ServeArgs),
    /// Show the delivery log from the store, as a table or JSON lines.
    #[command(after_help = "Examples:\n  \
        sdkit log\n  \
        sdkit log --since 2h --activity CONTRACT_EXECUTED\n  \
        sdkit log --status failed --json | jq .dedupe_key\n  \
        sdkit log --store postgres://sdkit@db/sdkit --contract 4711")]
    Log(LogArgs),
    /// Process one stored delivery again (it is re-queued for the running receiver).
    #[command(after_help = "Examples:\n  \
        sdkit replay sdk1:5e0c...9a\n  \
        sdkit replay --print sdk1:5e0c...9a | ./handle-delivery.sh")]
    Replay(ReplayArgs),
    /// Compare two environment files (UAT vs production) for configuration drift.
    #[command(after_help = "Examples:\n  \
        sdkit env-diff uat.env prod.env\n  \
        sdkit env-diff --json uat.env prod.env\n\n\
        Reads SPOTDRAFT_REGION or SPOTDRAFT_BASE_URL, SPOTDRAFT_CLIENT_ID, SPOTDRAFT_CLIENT_SECRET,\n\
        SPOTDRAFT_ENVIRONMENT (default: the file name), SPOTDRAFT_HMAC_KEYS, SPOTDRAFT_WEBHOOK_URLS and\n\
        SPOTDRAFT_ID_<NAME>. Secrets are compared by fingerprint and never printed.\n\
        Exit 1 when an error-level finding (shared credentials, keys, URLs or ids) is found.")]
    EnvDiff(EnvDiffArgs),
    /// Call the SpotDraft API (config from SPOTDRAFT_* environment variables).
    #[command(after_help = "Examples:\n  \
        sdkit api hmac-key --write hmac.key\n  \
        sdkit api webhooks create --title inbox --url https://hooks.example.com/webhooks/spotdraft \\\n      --activity CONTRACT_EXECUTED\n  \
        sdkit api contracts status 4711\n\n\
        Config: SPOTDRAFT_REGION (in, us, me, eu) or SPOTDRAFT_BASE_URL, SPOTDRAFT_CLIENT_ID,\n\
        SPOTDRAFT_CLIENT_SECRET, optional SPOTDRAFT_USER_EMAIL and SPOTDRAFT_ENVIRONMENT.\n\
        Requests are rate-limited (10/s) and retried with backoff on 429/5xx; secrets are never printed.")]
    #[command(after_long_help = crate::commands::api::operations_help())]
    Api(ApiArgs),
    /// Repair missed deliveries: list contracts changed since the checkpoint, enqueue or re-trigger.
    #[command(after_help = "Examples:\n  \
        sdkit reconcile --since 24h\n  \
        sdkit reconcile --retrigger --store postgres://sdkit@db/sdkit\n  \
        sdkit reconcile --since 2026-11-02T00:00 --json\n\n\
        Lists the contracts whose last_updated_on is at or after the checkpoint (--since, else the\n\
        one the store kept from the last complete run) through the API (rate-limited, paginated),\n\
        and finds those the inbox has seen nothing for since. Without --retrigger each one gets a\n\
        synthetic delivery (activity CONTRACT_RECONCILED, \"source\": \"reconcile\", the fresh status),\n\
        deduped like any other and processed by `sdkit serve`; with --retrigger SpotDraft is asked\n\
        to re-send the latest webhook of each, in batches. API config as for `sdkit api`.\n\
        Exit 1 when the listing or a re-trigger failed (the checkpoint is then kept).")]
    Reconcile(ReconcileArgs),
    /// The webhook registry: create, list and delete webhooks with their ids kept in the store.
    #[command(after_help = "Examples:\n  \
        SPOTDRAFT_ENVIRONMENT=production sdkit webhooks create --title crm \\\n      \
        --url https://hooks.example.com/webhooks/spotdraft --activity CONTRACT_EXECUTED\n  \
        sdkit webhooks list\n  \
        sdkit webhooks delete 42\n\n\
        SpotDraft cannot list webhooks, so create keeps the id, title, URL, activities and environment\n\
        (SPOTDRAFT_ENVIRONMENT, default production) in the store, list reads them from there, and\n\
        delete takes only ids the store knows unless --force. One URL in two environments (UAT and\n\
        production) is refused at create and reported by check. API config as for `sdkit api`.")]
    Webhooks(RegistryArgs),
    /// Write the sanitised minimal failing example SpotDraft's support asks for.
    #[command(after_help = "Examples:\n  \
        sdkit escalate sdk1:5e0c...9a --log receiver.log --key @hmac.key --out escalation.json\n  \
        sdkit escalate 981 --environment uat --region us\n  \
        sdkit escalate req-4f1c --log api.log\n\n\
        ID is a delivery's dedupe key or job id (see `sdkit log`), or the request_id of an API log\n\
        record in a --log file. Names, emails, titles, signed document URLs, secrets and tokens are\n\
        replaced by stable placeholders and listed under `redacted`; the receiver's log records for\n\
        the delivery (from --log) are included, sanitised the same way, and the signature check can\n\
        be re-run by anyone holding the original body (with --key, or SPOTDRAFT_HMAC_KEYS, its\n\
        result is included; the key and signature never are).")]
    Escalate(EscalateArgs),
}

/// `sdkit escalate`.
#[derive(Debug, Args)]
pub struct EscalateArgs {
    /// Store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// A dedupe key, a job id, or an API log record's request_id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// JSON-lines log of the receiver or of API calls; repeatable.
    #[arg(long = "log", value_name = "FILE")]
    pub logs: Vec<PathBuf>,
    /// Keys to re-run the signature check with (default: SPOTDRAFT_HMAC_KEYS, if set).
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Environment label.
    #[arg(long, env = "SPOTDRAFT_ENVIRONMENT", default_value = "production")]
    pub environment: String,
    /// SpotDraft region (in, us, me, eu).
    #[arg(long, env = "SPOTDRAFT_REGION")]
    pub region: Option<String>,
    /// Write the bundle here (mode 0600) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `sdkit webhooks`.
#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// Store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: RegistryCommand,
}

/// `sdkit webhooks ...`.
#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Register a webhook with SpotDraft and keep it in the registry; prints its id.
    Create {
        /// Webhook title.
        #[arg(long)]
        title: String,
        /// Receiver URL (https).
        #[arg(long)]
        url: String,
        /// Activity to deliver; repeatable.
        #[arg(long = "activity", value_name = "ACTIVITY", required = true)]
        activities: Vec<String>,
    },
    /// The registry's webhooks (SpotDraft has no list endpoint).
    List {
        /// JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Delete a webhook the registry knows, and forget it.
    Delete {
        /// Webhook id.
        #[arg(value_name = "ID")]
        id: String,
        /// Delete an id the registry does not know.
        #[arg(long)]
        force: bool,
    },
    /// Replace a webhook: create the new one, wait for a delivery through it, delete the old.
    #[command(after_help = "Examples:\n  \
        sdkit webhooks rotate 42 --url https://hooks.example.com/webhooks/spotdraft?via=2\n\n\
        The new URL must differ from the old one (a query such as ?via=2 is enough: `sdkit serve`\n\
        keeps each delivery's path and query) and reach this store's `sdkit serve`. The old webhook\n\
        keeps delivering until one delivery came through the new one; after --wait without one, the\n\
        new webhook is deleted and the old one kept (exit 1).")]
    Rotate {
        /// The registry's webhook to replace.
        #[arg(value_name = "OLD_ID")]
        old_id: String,
        /// The new receiver URL.
        #[arg(long)]
        url: String,
        /// New title (default: the old one's).
        #[arg(long)]
        title: Option<String>,
        /// Activities (default: the old one's); repeatable.
        #[arg(long = "activity", value_name = "ACTIVITY")]
        activities: Vec<String>,
        /// How long to wait for a delivery through the new webhook (30s, 10m, 1h).
        #[arg(long, value_name = "DURATION", default_value = "10m")]
        wait: String,
    },
    /// Exit 1 when one URL is registered in more than one environment.
    Check,
}

/// `sdkit reconcile`.
#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Contracts changed within (30m, 24h, 7d) or since a UTC time; default: the stored checkpoint.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Ask SpotDraft to re-send the latest webhooks instead of enqueueing synthetic deliveries.
    #[arg(long)]
    pub retrigger: bool,
    /// Print the outcome as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Log each API attempt (redacted) to stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Keys, shared by the commands that need them.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// HMAC key: [label=]<@file | env:VAR | cred:NAME | - (stdin) | base64 (shows in ps)>; repeat for rotation (default: SPOTDRAFT_HMAC_KEYS).
    #[arg(long = "key", value_name = "KEY", value_parser = parse_key_spec)]
    pub keys: Vec<KeySpec>,
    /// How key text becomes key bytes: base64 (SpotDraft's hmac_key) or utf8 (legacy callback secrets).
    #[arg(long, value_name = "ENCODING", default_value = "base64", value_parser = ["base64", "utf8"])]
    pub key_encoding: String,
    /// Accept base64 keys that decode to fewer than 16 bytes (SpotDraft's decode to 64): demo and test keys only.
    #[arg(long)]
    pub allow_short_keys: bool,
}

impl KeyArgs {
    /// The key policy the flags ask for.
    pub fn policy(&self) -> spotdraft_kit::KeyPolicy {
        spotdraft_kit::KeyPolicy::from_allow_short(self.allow_short_keys)
    }
}

/// `sdkit sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Keys (the first one signs).
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Print the whole header line (`X-SD-WEBHOOK-CONTENT-HASH: <hex>`), e.g. for `curl -H`.
    #[arg(long)]
    pub header: bool,
    /// Print the header line with the legacy name X-SD-CONTENT-HASH.
    #[arg(long, conflicts_with = "header")]
    pub legacy_header: bool,
    /// Print only the hex value (the default; kept for older scripts).
    #[arg(long, hide = true, conflicts_with_all = ["header", "legacy_header"])]
    pub value_only: bool,
    /// The body file, or - for stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
}

/// `sdkit verify` and `sdkit diagnose`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Keys.
    #[command(flatten)]
    pub keys: KeyArgs,
    /// The signature header value (128 hex digits), or the whole header line as `sdkit sign --header` prints it.
    #[arg(long, value_name = "HEX", allow_hyphen_values = true)]
    pub signature: String,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// The body file, or - for stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
}

/// `sdkit send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Receiver URL (http or https).
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Keys (the first one signs).
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Payload files (sent byte for byte unless --events is given).
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,
    /// Build this many distinct events from the files (own contract_id and timestamp each).
    #[arg(long, value_name = "N")]
    pub events: Option<usize>,
    /// Pad generated events to about this many bytes (with --events).
    #[arg(long, value_name = "BYTES")]
    pub body_bytes: Option<usize>,
    /// Also send N byte-identical re-deliveries of events (SpotDraft retries); expect 200.
    #[arg(long, value_name = "N", default_value = "0")]
    pub duplicate: usize,
    /// Send in random order (out-of-order delivery).
    #[arg(long)]
    pub shuffle: bool,
    /// Also send one (or =N) deliveries altered after signing; expect 401.
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true, default_missing_value = "1", default_value = "0")]
    pub tamper: usize,
    /// Also send one (or =N) deliveries signed with another workspace's key; expect 401.
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true, default_missing_value = "1", default_value = "0")]
    pub wrong_key: usize,
    /// Also send one (or =N) deliveries whose JSON was re-serialised after signing (a body-parsing proxy); expect 401.
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true, default_missing_value = "1", default_value = "0")]
    pub reserialize: usize,
    /// Pause this many milliseconds before each delivery (per connection).
    #[arg(long, value_name = "MS", default_value = "0")]
    pub delay: u64,
    /// Deliveries in flight at once.
    #[arg(long, value_name = "N", default_value = "1", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,
    /// Seed for --shuffle, the choice of copies and --events timestamps (default: random, now).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Sign with the legacy header X-SD-CONTENT-HASH.
    #[arg(long)]
    pub legacy_header: bool,
    /// Per-request timeout in seconds.
    #[arg(long, value_name = "SECS", default_value = "30")]
    pub timeout: u64,
    /// Write one JSON line per delivery (kind, dedupe key, status, latency) to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Save the body and signature of every non-2xx delivery here (for `sdkit diagnose`).
    #[arg(long, value_name = "DIR")]
    pub save_rejected: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The store, shared by serve, log and replay.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// sqlite:PATH or postgres://user@host:port/db
    #[arg(
        long,
        value_name = "URL",
        env = "SDKIT_STORE",
        default_value = "sqlite:./spotdraft-inbox.db"
    )]
    pub store: String,
}

/// `sdkit serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Keys.
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address to listen on (port 0 picks a free port; see --addr-file).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Write the bound address to this file once listening.
    #[arg(long, value_name = "FILE")]
    pub addr_file: Option<PathBuf>,
    /// The webhook path.
    #[arg(long, value_name = "PATH", default_value = "/webhooks/spotdraft")]
    pub path: String,
    /// Health path for load balancers (GET/HEAD: 200 while the store is reachable, else 503).
    #[arg(long, value_name = "PATH", default_value = "/healthz")]
    pub health_path: String,
    /// Largest body accepted (bytes).
    #[arg(long, value_name = "BYTES", default_value_t = spotdraft_kit::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Run this shell command per delivery, with the delivery JSON on stdin.
    #[arg(long, value_name = "CMD", conflicts_with = "forward")]
    pub exec: Option<String>,
    /// POST the delivery JSON to this internal URL per delivery.
    #[arg(long, value_name = "URL")]
    pub forward: Option<String>,
    /// Give up on a delivery after this many failed attempts (status failed).
    #[arg(long, value_name = "N", default_value = "8", value_parser = clap::value_parser!(i64).range(1..))]
    pub max_attempts: i64,
    /// First retry delay; doubles per attempt (with jitter), capped at 5 minutes.
    #[arg(long, value_name = "MS", default_value = "1000")]
    pub retry_base_ms: i64,
    /// Seconds an --exec command or --forward request may take.
    #[arg(long, value_name = "SECS", default_value = "30")]
    pub handler_timeout: u64,
    /// Worker threads, each with its own store connection and leased claims.
    #[arg(long, value_name = "N", default_value = "4", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
    /// Database connections for writes (PostgreSQL; SQLite uses one writer with group commit).
    #[arg(long, value_name = "N", default_value = "4", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub db_connections: u16,
    /// How often idle workers look for due deliveries (ms).
    #[arg(long, value_name = "MS", default_value = "500")]
    pub poll_ms: u64,
    /// Do not process deliveries (receive and store only).
    #[arg(long)]
    pub no_worker: bool,
    /// Run `sdkit reconcile` every DURATION (30m, 1h) from the stored checkpoint (API config as for `sdkit api`).
    #[arg(long, value_name = "DURATION")]
    pub reconcile_every: Option<String>,
    /// Seconds to wait for in-flight requests on SIGTERM/SIGINT.
    #[arg(long, value_name = "SECS", default_value = "30")]
    pub shutdown_timeout: u64,
    /// Seconds a client may take to send request headers (idle keep-alive included).
    #[arg(long, value_name = "SECS", default_value = "10")]
    pub header_timeout: u64,
    /// Seconds a client may take to send a whole body (408 after).
    #[arg(long, value_name = "SECS", default_value = "30")]
    pub body_timeout: u64,
    /// Connections served at once; more wait in the listen backlog.
    #[arg(long, value_name = "N", default_value = "1024")]
    pub max_connections: usize,
    /// Body bytes held by requests at once; beyond, 503 with Retry-After (at least --max-body-bytes).
    #[arg(long, value_name = "BYTES", default_value = "67108864")]
    pub max_inflight_bytes: usize,
}

/// `sdkit log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Received within (30m, 2h, 7d) or since a UTC time (2026-11-02T10:00).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only this activity (e.g. CONTRACT_EXECUTED).
    #[arg(long, value_name = "ACTIVITY")]
    pub activity: Option<String>,
    /// Only this contract id.
    #[arg(long, value_name = "ID")]
    pub contract: Option<i64>,
    /// Only this status.
    #[arg(long, value_parser = ["pending", "running", "processed", "failed"])]
    pub status: Option<String>,
    /// At most this many, the newest (0: all).
    #[arg(long, value_name = "N", default_value = "100")]
    pub limit: i64,
    /// JSON lines instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `sdkit replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Store.
    #[command(flatten)]
    pub store: StoreArgs,
    /// The delivery's dedupe key (see `sdkit log`).
    #[arg(value_name = "DEDUPE_KEY")]
    pub dedupe_key: String,
    /// Print the delivery JSON (what --exec receives) instead of re-queueing.
    #[arg(long)]
    pub print: bool,
}

/// `sdkit env-diff`.
#[derive(Debug, Args)]
pub struct EnvDiffArgs {
    /// First environment file (KEY=VALUE lines, e.g. uat.env).
    #[arg(value_name = "A_ENV")]
    pub first: PathBuf,
    /// Second environment file (e.g. prod.env).
    #[arg(value_name = "B_ENV")]
    pub second: PathBuf,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// `sdkit api`.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The API call.
    #[command(subcommand)]
    pub command: ApiCommand,
    /// Log each request (redacted) and response status to stderr.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// The API calls.
#[derive(Debug, Subcommand)]
pub enum ApiCommand {
    /// Fetch the workspace's webhook HMAC key; prints its fingerprint, never the key.
    #[command(after_help = "Examples:\n  \
        sdkit api hmac-key\n  \
        sdkit api hmac-key --write hmac.key && sdkit serve --key prod=@hmac.key")]
    HmacKey {
        /// Write the key to this file (mode 0600) for `--key @FILE`.
        #[arg(long, value_name = "FILE")]
        write: Option<PathBuf>,
    },
    /// Register or delete webhooks.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Contract calls.
    #[command(subcommand)]
    Contracts(ContractsCommand),
    /// Any operation of SpotDraft's schema by name (listed in `sdkit api --help`):
    /// `sdkit api OPERATION [--param NAME=VALUE]... [--filter FIELD[$OP]=VALUE]... [--body @FILE|-|JSON] [--all]`.
    #[command(external_subcommand)]
    Operation(Vec<String>),
}

/// `sdkit api webhooks ...`.
#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Register a webhook (https URL, one or more documented activities); prints its id.
    #[command(after_help = "Examples:\n  \
        sdkit api webhooks create --title inbox --url https://hooks.example.com/webhooks/spotdraft \\\n    \
        --activity CONTRACT_EXECUTED --activity CONTRACT_SIGNED")]
    Create {
        /// Webhook title.
        #[arg(long)]
        title: String,
        /// Receiver URL (https).
        #[arg(long)]
        url: String,
        /// Activity to deliver; repeatable.
        #[arg(long = "activity", value_name = "ACTIVITY", required = true)]
        activities: Vec<String>,
    },
    /// Delete a webhook by id (SpotDraft has no list endpoint: keep the id from create).
    #[command(after_help = "Examples:\n  sdkit api webhooks delete 42")]
    Delete {
        /// Webhook id.
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Ask SpotDraft to re-send the latest webhook of each contract.
    #[command(after_help = "Examples:\n  sdkit api webhooks re-trigger 4711 4712")]
    ReTrigger {
        /// Contract ids.
        #[arg(value_name = "CONTRACT_ID", required = true)]
        contract_ids: Vec<u64>,
    },
}

/// `sdkit api contracts ...`.
#[derive(Debug, Subcommand)]
pub enum ContractsCommand {
    /// List contracts, one page or (with --all) every page, one JSON line per contract.
    #[command(after_help = "Examples:\n  \
        sdkit api contracts list --limit 50\n  \
        sdkit api contracts list --all --filter client_name:eq:Acme")]
    List {
        /// First page (1-based).
        #[arg(long, default_value_t = 1)]
        page: u32,
        /// Contracts per page (1..=100).
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Follow pages until the last one; prints each contract on its own line.
        #[arg(long)]
        all: bool,
        /// `FIELD:OP:VALUE`, sent as `filter__FIELD[$OP]=VALUE`; repeatable.
        #[arg(long = "filter", value_name = "FIELD:OP:VALUE")]
        filters: Vec<String>,
    },
    /// A contract's status.
    #[command(
        after_help = "Examples:\n  sdkit api contracts status 4711\n  sdkit api contracts status T-123"
    )]
    Status {
        /// Contract id (4711, T-123, H-123).
        #[arg(value_name = "CONTRACT_ID")]
        id: String,
    },
}
