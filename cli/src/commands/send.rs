//! `sdkit send`: signed deliveries to any receiver, as SpotDraft sends
//! them (POST, JSON, the signature header), with the ways real deliveries
//! go wrong on request: duplicates, reordering, tampering, another
//! workspace's key, re-serialised bodies.

use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::net::{SocketAddr, ToSocketAddrs as _};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};
use spotdraft_kit::{
    body_sha256, dedupe_key, parse_event, sign, HmacKey, KeyEncoding, LEGACY_SIGNATURE_HEADER,
    SIGNATURE_HEADER,
};

use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use crate::cli::SendArgs;
use crate::clock::{format_ms, now_ms};
use crate::commands::outln;
use crate::errors::{CliError, CliResult};
use crate::keys::load_keys;

/// Why a delivery is in the plan, and what a correct receiver answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Event,
    Duplicate,
    Tampered,
    WrongKey,
    Reserialized,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Duplicate => "duplicate",
            Kind::Tampered => "tampered",
            Kind::WrongKey => "wrong_key",
            Kind::Reserialized => "reserialized",
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Kind::Event => "202",
            Kind::Duplicate => "200",
            _ => "401",
        }
    }
}

struct Planned {
    kind: Kind,
    /// Which event (index into the distinct events) it carries.
    event: usize,
    body: Arc<Vec<u8>>,
    signature: String,
}

struct Outcome {
    status: Option<u16>,
    error: Option<String>,
    latency: Duration,
}

/// Sends the plan and prints the summary. Exit 1 when any delivery got no
/// HTTP answer or an answer that contradicts its EXPECT column (see
/// [`contradictions`]).
pub fn run(args: &SendArgs) -> CliResult<i32> {
    let encoding = KeyEncoding::parse(&args.keys.key_encoding).unwrap_or_default();
    let key = load_keys(&args.keys.keys, encoding, args.keys.policy())?.remove(0);
    if !(args.to.starts_with("http://") || args.to.starts_with("https://")) {
        return Err(CliError::usage(format!(
            "--to {:?}: expected an http:// or https:// URL",
            args.to
        )));
    }
    let templates = args
        .files
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map_err(|e| CliError::usage(format!("cannot read {}: {e}", p.display())))
        })
        .collect::<CliResult<Vec<Vec<u8>>>>()?;
    let events = match args.events {
        Some(0) => return Err(CliError::usage("--events must be at least 1")),
        Some(n) => generate_events(&templates, &args.files, n, args.body_bytes, args.seed)?,
        None => templates,
    };
    let mut rng = match args.seed {
        Some(seed) => fastrand::Rng::with_seed(seed),
        None => fastrand::Rng::new(),
    };
    let plan = build_plan(&key, events, args, &mut rng);
    if let Some(dir) = &args.save_rejected {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::usage(format!("cannot create {}: {e}", dir.display())))?;
    }

    let results = deliver(&plan, args)?;
    let elapsed = results.1;
    let results = results.0;

    if let Some(path) = &args.report {
        write_report(path, &plan, &results)?;
    }
    if let Some(dir) = &args.save_rejected {
        save_rejected(dir, &plan, &results)?;
    }
    let wrong = contradictions(&plan, &results);
    let mut summary = summarize(&plan, &results, elapsed);
    summary["unexpected"] = json!(wrong.len());
    if args.json {
        outln!("{summary}");
    } else {
        print_table(&summary)?;
    }
    for line in wrong.iter().take(10) {
        eprintln!("unexpected: {line}");
    }
    if wrong.len() > 10 {
        eprintln!("unexpected: ... {} more", wrong.len() - 10);
    }
    Ok(
        if wrong.is_empty() && results.iter().all(|r| r.status.is_some()) {
            0
        } else {
            1
        },
    )
}

/// Every answer that contradicts the EXPECT column, as one line each:
/// a rejected kind (tampered, wrong key, re-serialised) not answered 401,
/// a copy of an event answered neither 202 nor 200, or an event accepted
/// (202) more than once, which means a duplicate went undetected. An
/// event answered 200 on its first copy is fine: the receiver already had
/// it (an earlier run, or another sender). Deliveries without an HTTP
/// answer are counted in the summary's `errors`, not here.
fn contradictions(plan: &[Planned], results: &[Outcome]) -> Vec<String> {
    let mut accepted: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (seq, (p, r)) in plan.iter().zip(results).enumerate() {
        let Some(status) = r.status else { continue };
        let kind = p.kind.as_str();
        match p.kind {
            Kind::Event | Kind::Duplicate => match status {
                200 => {}
                202 => {
                    let n = accepted.entry(p.event).or_default();
                    *n += 1;
                    if *n > 1 {
                        out.push(format!(
                            "delivery {seq} ({kind} of event {}) answered 202, but that event was \
                             already accepted: a re-delivery must be answered 200",
                            p.event
                        ));
                    }
                }
                _ => out.push(format!(
                    "delivery {seq} ({kind} of event {}) answered {status}, expected {}",
                    p.event,
                    p.kind.expected()
                )),
            },
            Kind::Tampered | Kind::WrongKey | Kind::Reserialized => {
                if status != 401 {
                    out.push(format!(
                        "delivery {seq} ({kind}) answered {status}, expected 401"
                    ));
                }
            }
        }
    }
    out
}

fn generate_events(
    templates: &[Vec<u8>],
    files: &[std::path::PathBuf],
    n: usize,
    pad_to: Option<usize>,
    seed: Option<u64>,
) -> CliResult<Vec<Vec<u8>>> {
    let parsed = templates
        .iter()
        .zip(files)
        .map(|(t, p)| match serde_json::from_slice::<Value>(t) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(CliError::usage(format!(
                "{}: --events needs JSON object payloads",
                p.display()
            ))),
        })
        .collect::<CliResult<Vec<Map<String, Value>>>>()?;
    // Timestamps start now, so runs against the same store are new events;
    // with --seed they are fixed, so two senders build the same events.
    let start = match seed {
        Some(seed) => 1_793_577_600_000 + i64::try_from(seed % 1_000_000).unwrap_or(0) * 1_000_000,
        None => now_ms(),
    };
    let base_contract = 100_000 + (start / 1000) % 1_000_000 * 1000;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut map = parsed[i % parsed.len()].clone();
        let offset = i64::try_from(i).unwrap_or(i64::MAX);
        map.insert("contract_id".into(), json!(base_contract + offset));
        let data = map.entry("activity_data").or_insert_with(|| json!({}));
        if let Value::Object(data) = data {
            data.insert("timestamp".into(), json!(format_ms(start + offset)));
        }
        let mut body = serde_json::to_vec(&Value::Object(map.clone())).unwrap_or_default();
        if let Some(target) = pad_to {
            // Unknown fields must pass through receivers untouched: pad with one.
            let room = target.saturating_sub(body.len() + r#","sdkit_padding":"""#.len());
            if room > 0 {
                map.insert("sdkit_padding".into(), json!("x".repeat(room)));
                body = serde_json::to_vec(&Value::Object(map)).unwrap_or_default();
            }
        }
        out.push(body);
    }
    Ok(out)
}

fn build_plan(
    key: &HmacKey,
    events: Vec<Vec<u8>>,
    args: &SendArgs,
    rng: &mut fastrand::Rng,
) -> Vec<Planned> {
    let n = events.len();
    let events: Vec<(Arc<Vec<u8>>, String)> = events
        .into_iter()
        .map(|b| {
            let sig = sign(key, &b);
            (Arc::new(b), sig)
        })
        .collect();
    let mut plan: Vec<Planned> = events
        .iter()
        .enumerate()
        .map(|(i, (body, sig))| Planned {
            kind: Kind::Event,
            event: i,
            body: body.clone(),
            signature: sig.clone(),
        })
        .collect();
    let pick = |rng: &mut fastrand::Rng| rng.usize(0..n);
    for _ in 0..args.duplicate {
        let i = pick(rng);
        plan.push(Planned {
            kind: Kind::Duplicate,
            event: i,
            body: events[i].0.clone(),
            signature: events[i].1.clone(),
        });
    }
    for _ in 0..args.tamper {
        let i = pick(rng);
        let mut body = events[i].0.as_ref().clone();
        let at = body.len() / 2;
        if let Some(b) = body.get_mut(at) {
            *b = if *b == b'7' { b'8' } else { b'7' };
        }
        plan.push(Planned {
            kind: Kind::Tampered,
            event: i,
            body: Arc::new(body),
            signature: events[i].1.clone(),
        });
    }
    for _ in 0..args.wrong_key {
        let i = pick(rng);
        let mut other = [0u8; 64];
        rng.fill(&mut other);
        let other = HmacKey::from_bytes(&other).unwrap_or_else(|_| key.clone());
        plan.push(Planned {
            kind: Kind::WrongKey,
            event: i,
            body: events[i].0.clone(),
            signature: sign(&other, &events[i].0),
        });
    }
    for _ in 0..args.reserialize {
        let i = pick(rng);
        let original: &[u8] = events[i].0.as_slice();
        let body = match serde_json::from_slice::<Value>(original) {
            Ok(v) => {
                let compact = serde_json::to_vec(&v).unwrap_or_default();
                if compact == original {
                    serde_json::to_vec_pretty(&v).unwrap_or_default()
                } else {
                    compact
                }
            }
            Err(_) => [original, b"\n"].concat(),
        };
        plan.push(Planned {
            kind: Kind::Reserialized,
            event: i,
            body: Arc::new(body),
            signature: events[i].1.clone(),
        });
    }
    if args.shuffle {
        rng.shuffle(&mut plan);
        // Keep "duplicate" meaning "a re-delivery": the first copy of an
        // event in the shuffled order is the original.
        let mut seen = vec![false; n];
        for p in plan.iter_mut() {
            if matches!(p.kind, Kind::Event | Kind::Duplicate) {
                p.kind = if seen[p.event] {
                    Kind::Duplicate
                } else {
                    Kind::Event
                };
                seen[p.event] = true;
            }
        }
    }
    plan
}

fn deliver(plan: &[Planned], args: &SendArgs) -> CliResult<(Vec<Outcome>, Duration)> {
    let header = if args.legacy_header {
        LEGACY_SIGNATURE_HEADER
    } else {
        SIGNATURE_HEADER
    };
    let uri: ureq::http::Uri = args
        .to
        .parse()
        .map_err(|e| CliError::usage(format!("--to {:?}: {e}", args.to)))?;
    let resolved = Resolved::lookup(&uri);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..plan.len()).map(|_| None).collect());
    let started = Instant::now();
    let show_progress = !args.quiet && (plan.len() > 20 || args.delay > 0);
    std::thread::scope(|scope| {
        for _ in 0..args.concurrency {
            scope.spawn(|| {
                let config = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(args.timeout)))
                    .user_agent("sdkit-send")
                    .build();
                let agent =
                    ureq::Agent::with_parts(config, DefaultConnector::new(), resolved.clone());
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = plan.get(i) else { break };
                    if args.delay > 0 {
                        std::thread::sleep(Duration::from_millis(args.delay));
                    }
                    let t0 = Instant::now();
                    let sent = agent
                        .post(uri.clone())
                        .header("content-type", "application/json")
                        .header(header, &p.signature)
                        .send(p.body.as_slice());
                    let outcome = match sent {
                        Ok(resp) => {
                            let status = resp.status().as_u16();
                            // Drain so the connection is reused.
                            let _ = resp.into_body().read_to_vec();
                            Outcome {
                                status: Some(status),
                                error: None,
                                latency: t0.elapsed(),
                            }
                        }
                        Err(e) => Outcome {
                            status: None,
                            error: Some(e.to_string()),
                            latency: t0.elapsed(),
                        },
                    };
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(outcome);
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        if show_progress {
            scope.spawn(|| progress(&done, plan.len(), &started));
        }
    });
    let elapsed = started.elapsed();
    let results = results
        .into_inner()
        .map_err(|_| CliError::failure("a sender thread panicked"))?
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome {
                status: None,
                error: Some("not sent".into()),
                latency: Duration::ZERO,
            })
        })
        .collect();
    Ok((results, elapsed))
}

/// The receiver's addresses, looked up once before sending: the default
/// resolver looks the host up again for every request, on a thread of its
/// own when a timeout is set, which cost more CPU than the request itself.
/// Any other host (a proxy from the environment), or a receiver that did
/// not resolve up front, goes to the default resolver as before.
#[derive(Clone, Debug)]
struct Resolved {
    host: String,
    port: u16,
    addrs: Vec<SocketAddr>,
}

fn host_port(uri: &ureq::http::Uri) -> (String, u16) {
    let host = uri.host().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let default = if uri.scheme_str() == Some("https") {
        443
    } else {
        80
    };
    (host.to_owned(), uri.port_u16().unwrap_or(default))
}

impl Resolved {
    fn lookup(uri: &ureq::http::Uri) -> Self {
        let (host, port) = host_port(uri);
        let addrs = (host.as_str(), port)
            .to_socket_addrs()
            .map(Iterator::collect)
            .unwrap_or_default();
        Resolved { host, port, addrs }
    }
}

impl Resolver for Resolved {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (host, port) = host_port(uri);
        if self.addrs.is_empty() || host != self.host || port != self.port {
            return DefaultResolver::default().resolve(uri, config, timeout);
        }
        let mut out = self.empty();
        for addr in &self.addrs {
            if out.try_push(*addr).is_err() {
                break;
            }
        }
        Ok(out)
    }
}

fn progress(done: &AtomicUsize, total: usize, started: &Instant) {
    let tty = std::io::stderr().is_terminal();
    let mut last = usize::MAX;
    loop {
        let n = done.load(Ordering::Relaxed);
        let stop = n >= total;
        if n != last || stop {
            let rate = n as f64 / started.elapsed().as_secs_f64().max(1e-3);
            let line = format!("sent {n}/{total} ({rate:.0}/s)");
            let mut err = std::io::stderr().lock();
            if tty {
                let _ = write!(err, "\r{line}   ");
                if stop {
                    let _ = writeln!(err);
                }
            } else {
                let _ = writeln!(err, "{line}");
            }
            last = n;
        }
        if stop {
            break;
        }
        std::thread::sleep(Duration::from_millis(if tty { 100 } else { 1000 }));
    }
}

fn write_report(path: &Path, plan: &[Planned], results: &[Outcome]) -> CliResult<()> {
    let mut out = String::new();
    for (seq, (p, r)) in plan.iter().zip(results).enumerate() {
        let key = parse_event(&p.body)
            .ok()
            .map(|e| dedupe_key(&e, &body_sha256(&p.body)));
        let line = json!({
            "seq": seq,
            "kind": p.kind.as_str(),
            "event": p.event,
            "dedupe_key": key,
            "status": r.status,
            "error": r.error,
            "latency_us": u64::try_from(r.latency.as_micros()).unwrap_or(u64::MAX),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out)
        .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))
}

fn save_rejected(dir: &Path, plan: &[Planned], results: &[Outcome]) -> CliResult<()> {
    for (seq, (p, r)) in plan.iter().zip(results).enumerate() {
        if matches!(r.status, Some(s) if (200..300).contains(&s)) {
            continue;
        }
        let stem = dir.join(format!("{seq:05}-{}", p.kind.as_str()));
        let write = |ext: &str, bytes: &[u8]| {
            let path = stem.with_extension(ext);
            std::fs::write(&path, bytes)
                .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))
        };
        write("json", &p.body)?;
        write("sig", p.signature.as_bytes())?;
    }
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

fn summarize(plan: &[Planned], results: &[Outcome], elapsed: Duration) -> Value {
    let mut by_kind: BTreeMap<Kind, BTreeMap<String, usize>> = BTreeMap::new();
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = 0usize;
    let mut first_error = None;
    for (p, r) in plan.iter().zip(results) {
        let label = match r.status {
            Some(s) => s.to_string(),
            None => {
                errors += 1;
                first_error = first_error.or(r.error.clone());
                "error".into()
            }
        };
        *by_kind
            .entry(p.kind)
            .or_default()
            .entry(label.clone())
            .or_default() += 1;
        *statuses.entry(label).or_default() += 1;
    }
    let mut latencies: Vec<Duration> = results
        .iter()
        .filter(|r| r.status.is_some())
        .map(|r| r.latency)
        .collect();
    latencies.sort();
    let secs = elapsed.as_secs_f64().max(1e-9);
    let kinds: Vec<Value> = by_kind
        .iter()
        .map(|(k, s)| {
            json!({
                "kind": k.as_str(),
                "expected": k.expected(),
                "sent": s.values().sum::<usize>(),
                "statuses": s,
            })
        })
        .collect();
    json!({
        "sent": plan.len(),
        "errors": errors,
        "first_error": first_error,
        "elapsed_ms": (secs * 1000.0 * 10.0).round() / 10.0,
        "throughput_per_s": (plan.len() as f64 / secs).round() as u64,
        "latency_ms": {
            "p50": (percentile(&latencies, 50.0) * 1000.0).round() / 1000.0,
            "p99": (percentile(&latencies, 99.0) * 1000.0).round() / 1000.0,
            "max": (percentile(&latencies, 100.0) * 1000.0).round() / 1000.0,
        },
        "statuses": statuses,
        "kinds": kinds,
    })
}

fn print_table(summary: &Value) -> CliResult<()> {
    let statuses: Vec<String> = summary["statuses"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut header = vec!["KIND".to_owned(), "EXPECT".to_owned(), "SENT".to_owned()];
    header.extend(statuses.iter().cloned());
    let mut rows = vec![header];
    for k in summary["kinds"].as_array().into_iter().flatten() {
        let mut row = vec![
            k["kind"].as_str().unwrap_or("").to_owned(),
            k["expected"].as_str().unwrap_or("").to_owned(),
            k["sent"].to_string(),
        ];
        for s in &statuses {
            row.push(k["statuses"][s].as_u64().unwrap_or(0).to_string());
        }
        rows.push(row);
    }
    let mut total = vec![
        "total".to_owned(),
        String::new(),
        summary["sent"].to_string(),
    ];
    for s in &statuses {
        total.push(summary["statuses"][s].as_u64().unwrap_or(0).to_string());
    }
    rows.push(total);
    let cols = rows[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r[c].len()).max().unwrap_or(0))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                if c == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        outln!("{}", cells.join("  "));
        if i == 0 {
            outln!(
                "{}",
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  ")
            );
        }
    }
    outln!(
        "{} deliveries in {} ms: {}/s, latency p50 {} ms, p99 {} ms",
        summary["sent"],
        summary["elapsed_ms"],
        summary["throughput_per_s"],
        summary["latency_ms"]["p50"],
        summary["latency_ms"]["p99"]
    );
    if let Some(e) = summary["first_error"].as_str() {
        outln!(
            "{} deliveries got no HTTP answer; first error: {e}",
            summary["errors"]
        );
    }
    Ok(())
}
