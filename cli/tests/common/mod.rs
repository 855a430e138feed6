//! Helpers shared by the CLI integration tests: run `sdkit`, start and
//! stop `sdkit serve` on 127.0.0.1, read the store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

pub mod stub;
#[allow(unused_imports)]
pub use stub::{Stub, API_SECRET};

/// A test key (base64), never used anywhere real.
pub const KEY: &str = "dGVzdC1rZXktZm9yLXNka2l0LWludGVncmF0aW9uLXRlc3RzLW9ubHk=";

/// The payload samples shipped in examples/payloads.
pub fn payloads() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/payloads");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/payloads")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

pub fn sdkit() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sdkit"))
}

/// `sdkit send FLAGS --report REPORT` over every sample payload.
pub fn send_args(flags: &[&str], report: &Path) -> Vec<String> {
    let mut args: Vec<String> = std::iter::once("send")
        .chain(flags.iter().copied())
        .map(str::to_owned)
        .collect();
    args.push("--report".into());
    args.push(report.display().to_string());
    args.extend(payloads().iter().map(|p| p.display().to_string()));
    args
}

/// Starts `sdkit ARGS` in the background with its output discarded: a
/// sender whose report file, not its output, is read afterwards.
pub fn spawn_quiet(args: &[String]) -> Child {
    sdkit()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sdkit starts")
}

pub fn run(args: &[&str]) -> Output {
    sdkit().args(args).output().expect("run sdkit")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory under the system temp dir, removed when the test that
/// made it passes (kept after a failure, for a look at its logs and store).
pub fn tempdir(name: &str) -> TempDir {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sdkit-test-{}-{}-{}",
        name,
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("tempdir");
    TempDir(dir)
}

/// What [`tempdir`] returns: a path that cleans up after a passing test.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// [`KEY`] in `dir/test.key`, mode 0600: how a receiver should get its key.
pub fn key_file(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.join("test.key");
    std::fs::write(&path, format!("{KEY}\n")).expect("key file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

/// A running `sdkit serve`.
pub struct Server {
    child: Option<Child>,
    pub addr: String,
    pub log: PathBuf,
}

impl Server {
    pub fn start(store: &str, dir: &Path, name: &str, extra: &[&str]) -> Server {
        Server::start_with_env(store, dir, name, extra, &[])
    }

    /// [`Server::start`] with extra environment variables.
    pub fn start_with_env(
        store: &str,
        dir: &Path,
        name: &str,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Server {
        let addr_file = dir.join(format!("{name}.addr"));
        let _ = std::fs::remove_file(&addr_file);
        let log = dir.join(format!("{name}.log"));
        let out = std::fs::File::create(&log).expect("log file");
        let key_file = key_file(dir);
        let child = sdkit()
            .args([
                "serve",
                "--key",
                &format!("test=@{}", key_file.display()),
                "--listen",
                "127.0.0.1:0",
                "--store",
                store,
            ])
            .arg("--addr-file")
            .arg(&addr_file)
            .args(extra)
            .envs(env.iter().copied())
            .stdout(out.try_clone().expect("clone"))
            .stderr(out)
            .spawn()
            .expect("spawn sdkit serve");
        let mut server = Server {
            child: Some(child),
            addr: String::new(),
            log,
        };
        let log_path = server.log.clone();
        wait_until("sdkit serve to listen", Duration::from_secs(30), || {
            if let Some(c) = server.child.as_mut() {
                if let Ok(Some(status)) = c.try_wait() {
                    panic!(
                        "sdkit serve exited with {status}: {}",
                        std::fs::read_to_string(&log_path).unwrap_or_default()
                    );
                }
            }
            addr_file.exists()
        });
        server.addr = std::fs::read_to_string(&addr_file).expect("addr");
        server
    }

    pub fn url(&self) -> String {
        format!("http://{}/webhooks/spotdraft", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGTERM, then wait for the exit status.
    pub fn stop(mut self) -> ExitStatus {
        let mut child = self.child.take().expect("running");
        let ok = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(ok.success());
        child.wait().expect("wait")
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(mut self) {
        let mut child = self.child.take().expect("running");
        child.kill().expect("SIGKILL");
        let _ = child.wait();
    }

    pub fn log_lines(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Every delivery in the store (`sdkit log --json --limit 0`).
pub fn stored(store: &str) -> Vec<Value> {
    let o = run(&["log", "--store", store, "--json", "--limit", "0"]);
    assert!(o.status.success(), "sdkit log failed: {}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// Waits until nothing is pending or claimed.
pub fn wait_processed(store: &str, timeout: Duration) {
    wait_until("pending deliveries to be processed", timeout, || {
        stored(store)
            .iter()
            .all(|d| d["status"] == "processed" || d["status"] == "failed")
    });
}

pub fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("read jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// Checks a `sdkit send --report` against the stores' contents: every
/// distinct event answered 202 exactly once and 200 for every other copy,
/// tampered ones 401, each event stored once, processed once.
pub fn assert_exactly_once(report: &[Value], rows: &[Value], events: usize) {
    use std::collections::{BTreeMap, BTreeSet};
    let mut statuses: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for r in report {
        let status = r["status"]
            .as_u64()
            .unwrap_or_else(|| panic!("no HTTP answer: {r}"));
        match r["kind"].as_str().unwrap() {
            "event" | "duplicate" => statuses
                .entry(r["dedupe_key"].as_str().unwrap().to_owned())
                .or_default()
                .push(status),
            "tampered" => assert_eq!(status, 401, "{r}"),
            other => panic!("unexpected kind {other}"),
        }
    }
    assert_eq!(statuses.len(), events, "distinct events in the report");
    for (key, mut s) in statuses {
        s.sort();
        assert_eq!(s.iter().filter(|&&x| x == 202).count(), 1, "{key}: {s:?}");
        assert!(s.iter().all(|&x| x == 200 || x == 202), "{key}: {s:?}");
    }
    let keys: BTreeSet<&str> = rows
        .iter()
        .map(|d| d["dedupe_key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), rows.len(), "a dedupe key stored twice");
    assert_eq!(rows.len(), events, "stored events");
    for d in rows {
        assert_eq!(d["status"], "processed", "{d}");
        assert_eq!(d["attempts"], 1, "processed more than once: {d}");
    }
}
