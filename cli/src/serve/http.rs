//! The HTTP side of the receiver: one route, exact status codes, graceful
//! shutdown, and bounds on what clients can hold: a header read timeout, a
//! body read timeout, a connection cap and a cap on body bytes in flight.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::{json, Map, Value};
use spotdraft_kit::{Delivery, Verifier};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, Semaphore};

use super::ingest::IngestJob;
use super::Health;
use crate::clock::now_ms;
use crate::logline::Line;
use crate::store::{Inserted, NewDelivery};

/// Shared by every request.
pub struct State {
    /// Keys and limits.
    pub verifier: Verifier,
    /// The webhook path.
    pub path: String,
    /// The liveness path.
    pub health_path: String,
    /// Largest accepted body.
    pub max_body_bytes: usize,
    /// To the ingest threads.
    pub ingest: mpsc::Sender<IngestJob>,
    /// Whether the store answers.
    pub health: Arc<Health>,
    /// Longest time to read a whole body.
    pub body_timeout: Duration,
    /// Body bytes that requests may hold at once (one permit per byte).
    pub inflight: Arc<Semaphore>,
}

/// Connection-level bounds.
pub struct Limits {
    /// Longest time to read a request's headers (idle keep-alive included).
    pub header_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog.
    pub max_connections: usize,
    /// How long in-flight requests may finish after SIGTERM/SIGINT.
    pub shutdown_timeout: Duration,
}

/// Seconds a client is asked to wait after a 503.
const RETRY_AFTER_S: &str = "5";

/// Request headers worth keeping with a delivery (never cookies or
/// authorisation): what sent it, and the signature as evidence.
const KEPT_HEADERS: [&str; 7] = [
    "content-type",
    "content-length",
    "user-agent",
    "x-request-id",
    "x-forwarded-for",
    "x-sd-webhook-content-hash",
    "x-sd-content-hash",
];

/// The name under which a delivery's request path is kept with its headers.
pub const REQUEST_TARGET: &str = ":path";
/// The name under which the SHA-256 of a delivery's query string is kept
/// (when it has one): a webhook URL's query can carry a token, so the query
/// itself is never stored.
pub const REQUEST_QUERY_SHA256: &str = ":query-sha256";

/// A request target (`/path?query`) as a delivery keeps it: the path, and
/// the SHA-256 (hex) of the query when there is one (see the unit test).
pub fn target_fields(target: &str) -> (String, Option<String>) {
    match target.split_once('?') {
        Some((path, query)) => (
            path.to_owned(),
            Some(spotdraft_kit::body_sha256(query.as_bytes())),
        ),
        None => (target.to_owned(), None),
    }
}

type Resp = Response<Full<Bytes>>;

fn respond(status: u16, body: Value) -> Resp {
    let mut resp = Response::new(Full::new(Bytes::from(body.to_string())));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// 503 with `Retry-After`: the store is down or the receiver is full.
fn unavailable(error: &str, message: &str) -> Resp {
    let mut resp = respond(503, json!({"error": error, "message": message}));
    resp.headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_S));
    resp
}

fn elapsed_ms(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1e5).round() / 100.0
}

fn rejected(err: &spotdraft_kit::Error, started: Instant) -> Resp {
    let mut line = Line::new("warn", "delivery_rejected");
    if let Some(record) = err.log_record() {
        line = line.record(record);
    }
    line.field("http_status", err.http_status())
        .field("duration_ms", elapsed_ms(started))
        .emit();
    respond(
        err.http_status(),
        json!({"error": err.code().as_str(), "message": err.message()}),
    )
}

fn reject_chunked_oversize(max: usize, started: Instant) -> Resp {
    // A body without Content-Length that outgrew the limit: its length is
    // unknown and it is not hashed (the limit exists to bound work).
    Line::new("warn", "delivery_rejected")
        .field("outcome", "rejected")
        .field("reason", "body_too_large")
        .field("http_status", 413)
        .field("body_bytes_over", max)
        .field("duration_ms", elapsed_ms(started))
        .emit();
    respond(
        413,
        json!({"error": "body_too_large", "message": "the body is larger than the receiver accepts"}),
    )
}

async fn handle(state: Arc<State>, req: Request<Incoming>) -> Result<Resp, Infallible> {
    let started = Instant::now();
    if req.uri().path() == state.health_path
        && (req.method() == Method::GET || req.method() == Method::HEAD)
    {
        // hyper sends no body for HEAD.
        return Ok(if state.health.is_up() {
            respond(200, json!({"status": "ok", "store": "reachable"}))
        } else {
            unavailable("store_unavailable", "the store is unreachable")
        });
    }
    if req.uri().path() != state.path {
        return Ok(respond(404, json!({"error": "not_found"})));
    }
    if req.method() != Method::POST {
        let mut resp = respond(
            405,
            json!({"error": "method_not_allowed", "message": "webhooks are POSTed"}),
        );
        resp.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("POST"));
        return Ok(resp);
    }
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = declared {
        // Refused from the header alone, with the core's error and record.
        if let Err(err) = state
            .verifier
            .check_body_length(usize::try_from(n).unwrap_or(usize::MAX))
        {
            return Ok(rejected(&err, started));
        }
    }
    // Bytes in flight: reserve the declared length (or the limit, for a
    // body without one) before reading; when full, ask the sender to retry.
    let reserve = declared.map_or(state.max_body_bytes, |n| {
        usize::try_from(n)
            .unwrap_or(usize::MAX)
            .min(state.max_body_bytes)
    });
    let Ok(_permit) = state
        .inflight
        .clone()
        .try_acquire_many_owned(u32::try_from(reserve.max(1)).unwrap_or(u32::MAX))
    else {
        Line::new("warn", "delivery_deferred")
            .field("reason", "bytes_in_flight")
            .field("http_status", 503)
            .emit();
        return Ok(unavailable(
            "receiver_busy",
            "too many bodies are being received; retry later",
        ));
    };
    let read = Limited::new(body, state.max_body_bytes).collect();
    let body = match tokio::time::timeout(state.body_timeout, read).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return Ok(reject_chunked_oversize(state.max_body_bytes, started))
        }
        Ok(Err(_)) => {
            return Ok(respond(
                400,
                json!({"error": "bad_request", "message": "the body could not be read"}),
            ))
        }
        Err(_) => {
            Line::new("warn", "delivery_rejected")
                .field("reason", "body_timeout")
                .field("http_status", 408)
                .field("duration_ms", elapsed_ms(started))
                .emit();
            let mut resp = respond(
                408,
                json!({"error": "body_timeout", "message": "the body was not received in time"}),
            );
            resp.headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            return Ok(resp);
        }
    };
    let delivery = match state.verifier.open(&parts.headers, &body) {
        Ok(d) => d,
        Err(err) => return Ok(rejected(&err, started)),
    };
    let mut kept = Map::new();
    // The request target (the path, and a hash of any query), so `sdkit
    // webhooks rotate` can tell which registered webhook URL a delivery came
    // through.
    if let Some(target) = parts.uri.path_and_query() {
        let (path, query) = target_fields(target.as_str());
        kept.insert(REQUEST_TARGET.to_owned(), path.into());
        if let Some(hash) = query {
            kept.insert(REQUEST_QUERY_SHA256.to_owned(), hash.into());
        }
    }
    for name in KEPT_HEADERS {
        if let Some(v) = parts.headers.get(name).and_then(|v| v.to_str().ok()) {
            kept.insert(name.to_owned(), v.into());
        }
    }
    let new = new_delivery(&delivery, Value::Object(kept).to_string(), body.to_vec());
    let (reply, answer) = oneshot::channel();
    let stored = match state
        .ingest
        .send(IngestJob {
            delivery: new,
            reply,
        })
        .await
    {
        Ok(()) => answer
            .await
            .unwrap_or_else(|_| Err("the ingest thread stopped".into())),
        Err(_) => Err("the ingest thread stopped".into()),
    };
    let line = Line::new("info", "delivery_received").record(&delivery.log_record());
    let key = delivery.dedupe_key();
    Ok(match stored {
        Ok(Inserted::New(id)) => {
            line.field("http_status", 202)
                .field("duplicate", false)
                .field("job_id", id)
                .field("duration_ms", elapsed_ms(started))
                .emit();
            respond(
                202,
                json!({"status": "accepted", "duplicate": false, "dedupe_key": key}),
            )
        }
        Ok(Inserted::Duplicate) => {
            line.field("http_status", 200)
                .field("duplicate", true)
                .field("duration_ms", elapsed_ms(started))
                .emit();
            respond(
                200,
                json!({"status": "duplicate", "duplicate": true, "dedupe_key": key}),
            )
        }
        Err(error) => {
            line.field("http_status", 503)
                .field("store_error", error)
                .field("duration_ms", elapsed_ms(started))
                .emit();
            unavailable(
                "store_unavailable",
                "the delivery could not be stored; retry later",
            )
        }
    })
}

fn new_delivery(d: &Delivery, headers: String, body: Vec<u8>) -> NewDelivery {
    let e = d.event();
    NewDelivery {
        dedupe_key: d.dedupe_key().to_owned(),
        received_at_ms: now_ms(),
        activity: e.activity().as_str().to_owned(),
        contract_id: e.contract_id(),
        external_id: e.external_id(),
        occurred_at: e.occurred_at().map(str::to_owned),
        body_sha256: d.body_sha256().to_owned(),
        key_index: i64::try_from(d.key_index()).unwrap_or(i64::MAX),
        key_id: d.key_id().map(str::to_owned),
        headers,
        body,
    }
}

async fn recv_signal(kind: tokio::signal::unix::SignalKind) {
    match tokio::signal::unix::signal(kind) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

async fn shutdown_signal() -> &'static str {
    use tokio::signal::unix::SignalKind;
    tokio::select! {
        () = recv_signal(SignalKind::terminate()) => "SIGTERM",
        () = recv_signal(SignalKind::interrupt()) => "SIGINT",
    }
}

/// Accepts connections (at most `limits.max_connections` at once) until
/// SIGTERM/SIGINT, then stops accepting and waits (at most
/// `limits.shutdown_timeout`) for in-flight requests to finish.
pub async fn serve(listener: TcpListener, state: Arc<State>, limits: Limits) {
    let graceful = GracefulShutdown::new();
    let mut signal = std::pin::pin!(shutdown_signal());
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        // A connection slot first: beyond the cap, clients wait in the
        // kernel's backlog instead of holding memory here.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            name = &mut signal => {
                Line::new("info", "shutting_down").field("signal", name).emit();
                break;
            }
        };
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: back off briefly.
                        Line::new("warn", "accept_failed").field("error", e.to_string()).emit();
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let state = state.clone();
                let service = service_fn(move |req| handle(state.clone(), req));
                let conn = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                    drop(slot);
                });
            }
            name = &mut signal => {
                Line::new("info", "shutting_down").field("signal", name).emit();
                break;
            }
        }
    }
    drop(listener);
    drop(state);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_timeout) => {
            Line::new("warn", "shutdown_timeout")
                .field("after_s", limits.shutdown_timeout.as_secs())
                .emit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::target_fields;

    #[test]
    fn a_request_target_keeps_its_path_and_only_a_hash_of_its_query() {
        assert_eq!(target_fields("/hooks/a"), ("/hooks/a".to_owned(), None));
        let (path, query) = target_fields("/hooks/a?token=s3cret");
        assert_eq!(path, "/hooks/a");
        let hash = query.unwrap();
        assert_eq!(hash, spotdraft_kit::body_sha256(b"token=s3cret"));
        assert!(!hash.contains("s3cret"));
        assert_ne!(target_fields("/hooks/a?token=other").1, Some(hash));
        assert_eq!(
            target_fields("/h?").1,
            Some(spotdraft_kit::body_sha256(b""))
        );
    }
}
