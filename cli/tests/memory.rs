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

/// VmRSS now, in bytes (Linux).
fn rss(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn held_uploads_and_idle_connections_keep_memory_bounded() {
    if peak_rss(std::process::id()).is_none() {
        eprintln!("SKIPPED: no /proc/<pid>/status VmHWM on this system");
        return;
    }
    let dir = tempdir("memory-held");
    let store = format!("sqlite:{}", dir.join("inbox.db").display());
    // The defaults: 64 MiB of bodies in flight, 1,024 connections.
    let server = Server::start(&store, &dir, "held", &[]);
    let addr = server.addr.clone();
    let before = peak_rss(server.pid()).unwrap();

    // 32 uploads of just under 5 MiB, each one byte short, held open.
    let length = 5 * 1024 * 1024 - 4096;
    let sig = "0".repeat(128);
    let uploads: Vec<_> = (0..32)
        .map(|_| {
            let (addr, sig) = (addr.clone(), sig.clone());
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(&addr).unwrap();
                s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
                let head = format!(
                    "POST /webhooks/spotdraft HTTP/1.1\r\nhost: {addr}\r\n\
                     x-sd-webhook-content-hash: {sig}\r\ncontent-length: {length}\r\n\r\n"
                );
                let _ = s.write_all(head.as_bytes());
                let _ = s.write_all(&vec![b'x'; length - 1]);
                s
            })
        })
        .collect();
    let held: Vec<TcpStream> = uploads.into_iter().map(|t| t.join().unwrap()).collect();
    // 2,000 idle connections on top.
    let idle: Vec<TcpStream> = (0..2000)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = rss(server.pid()).unwrap();
    let peak = peak_rss(server.pid()).unwrap();
    drop(idle);
    drop(held);
    server.stop();
    eprintln!(
        "sdkit serve RSS: peak {} KiB before; under 32 held 5 MiB uploads and 2,000 idle \
         connections: {} KiB now, peak {} KiB",
        before / 1024,
        during / 1024,
        peak / 1024
    );
    // The 64 MiB cap on bodies in flight, plus the runtime and buffers:
    // far below the 160 MiB the clients tried to make it hold.
    assert!(peak < 112 * 1024 * 1024, "peak RSS {} KiB", peak / 1024);
}
