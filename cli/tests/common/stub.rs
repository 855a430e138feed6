//! The project's shared stub of SpotDraft's API (`tests/stub`), started
//! on 127.0.0.1 for one test and stopped when dropped.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};

use serde_json::Value;

/// The client secret the stub accepts (with client id `client-1`).
pub const API_SECRET: &str = "client-secret-for-tests";

/// The project's shared stub of SpotDraft's API (tests/stub), which every
/// runtime's executor is tested against.
pub struct Stub {
    child: std::process::Child,
    pub base: String,
    pub addr: String,
}

impl Stub {
    pub fn start() -> Stub {
        Stub::with_contracts(23)
    }

    pub fn with_contracts(contracts: usize) -> Stub {
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/stub/spotdraft_stub.py");
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .args(["--client-id", "client-1", "--client-secret", API_SECRET])
            .args(["--contracts", &contracts.to_string()])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs the SpotDraft stub");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .expect("stub banner")
            .to_owned();
        let addr = url.trim_start_matches("http://").to_owned();
        Stub {
            child,
            base: format!("{url}/api/"),
            addr,
        }
    }

    /// The calls the stub recorded, in arrival order.
    pub fn calls(&self) -> Vec<Value> {
        let calls: Value =
            serde_json::from_str(&self.control("GET", "/__control/calls", "")).unwrap();
        calls
            .as_array()
            .or_else(|| calls["calls"].as_array())
            .unwrap()
            .clone()
    }

    pub fn control(&self, method: &str, path: &str, body: &str) -> String {
        let mut s = std::net::TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out.split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default()
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
