//! Bounded memory: a 100 MiB body refused by the 5 MiB limit must not make
//! the receiver hold 100 MiB. Measures the server's peak RSS (VmHWM).

// Test code: clocks, environment and unwraps are fine here.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use common::*;

const HUNDRED_MIB: usize = 100 * 1024 * 1024;

/// Peak resident set size of a process, in bytes (Linux).
fn peak_rss(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Sends `head`, then up to 100 MiB of body in 64 KiB writes until the
/// server stops reading; returns the response head.
fn stream(addr: &str, head: &str, chunked: bool) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let block = vec![b'x'; 64 * 1024];
    let mut sent = 0;
    while sent < HUNDRED_MIB {
        let ok = if chunked {
            s.write_all(format!("{:x}\r\n", block.len()).as_bytes())
                .and_then(|_| s.write_all(&block))
                .and_then(|_| s.write_all(b"\r\n"))
        } else {
            s.write_all(&block)
        };
        // The server may answer 413 and close before the body ends.
        if ok.is_err() {
            break;
        }
        sent += block.len();
    }
    let mut out = vec![0u8; 512];
    let n = s.read(&mut out).unwrap_or(0);
    String::from_utf8_lossy(&out[..n]).into_owned()
}

#[test]
fn a_100_mib_body_is_refused_without_buffering_it() {
    if peak_rss(std::process::id()).is_none() {
        eprintln!("SKIPPED: no /proc/<pid>/status VmHWM on this system");
        return;
    }
    let dir = tempdir("memory");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    let server = Server::start(&store, &dir, "memory", &[]);
    let addr = server.addr.clone();
    let before = peak_rss(server.pid()).unwrap();

    let sig = "0".repeat(128);
    let with_length = format!(
        "POST /webhooks/spotdraft HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\n\
         x-sd-webhook-content-hash: {sig}\r\ncontent-length: {HUNDRED_MIB}\r\n\r\n"
    );
    let r = stream(&addr, &with_length, false);
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");
    let chunked = format!(
        "POST /webhooks/spotdraft HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\n\
         x-sd-webhook-content-hash: {sig}\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    let r = stream(&addr, &chunked, true);
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");

    let after = peak_rss(server.pid()).unwrap();
    server.stop();
    eprintln!(
        "sdkit serve peak RSS: {} KiB before, {} KiB after two 100 MiB bodies",
        before / 1024,
        after / 1024
    );
    // The 5 MiB limit plus the runtime: far below the 100 MiB sent.
    assert!(after < 48 * 1024 * 1024, "peak RSS {} KiB", after / 1024);
}
