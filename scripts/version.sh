#!/usr/bin/env bash
# One version for every crate and package.
#   scripts/version.sh            print the version and check all agree
#   scripts/version.sh 0.2.0      set it everywhere, then check
# Sources: the workspace Cargo.toml ([workspace.package] version and the
# core's path-dependency version), wasm/package.json, node/package.json,
# python/pyproject.toml (when present).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - "$@" <<'PY'
import json, pathlib, re, sys

root = pathlib.Path(".")
cargo = root / "Cargo.toml"
packages = [p for p in (root / "wasm/package.json", root / "node/package.json") if p.exists()]
pyproject = root / "python/pyproject.toml"

def cargo_version(text):
    return re.search(r'(?ms)^\[workspace\.package\].*?^version = "([^"]+)"', text).group(1)

if len(sys.argv) > 1:
    new = sys.argv[1]
    if not re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?", new):
        sys.exit(f"not a semantic version: {new}")
    text = cargo.read_text()
    old = cargo_version(text)
    text = re.sub(r'(?ms)(^\[workspace\.package\].*?^version = ")[^"]+(")', rf"\g<1>{new}\g<2>", text, count=1)
    text = text.replace(f'path = "core", version = "{old}"', f'path = "core", version = "{new}"')
    cargo.write_text(text)
    for p in packages:
        doc = json.loads(p.read_text())
        doc["version"] = new
        for section in ("optionalDependencies", "dependencies"):
            for name in list(doc.get(section, {})):
                if name.startswith("@spotdraft-kit/"):
                    doc[section][name] = new
        p.write_text(json.dumps(doc, indent=2) + "\n")
    if pyproject.exists():
        t = pyproject.read_text()
        pyproject.write_text(re.sub(r'(?m)^version = "[^"]+"', f'version = "{new}"', t, count=1))

text = cargo.read_text()
want = cargo_version(text)
found = {"Cargo.toml [workspace.package]": want}
m = re.search(r'path = "core", version = "([^"]+)"', text)
if m:
    found["Cargo.toml spotdraft-kit dependency"] = m.group(1)
for p in packages:
    found[str(p)] = json.loads(p.read_text())["version"]
if pyproject.exists():
    m = re.search(r'(?m)^version = "([^"]+)"', pyproject.read_text())
    if m:  # dynamic versions come from Cargo.toml through maturin
        found[str(pyproject)] = m.group(1)
bad = {k: v for k, v in found.items() if v != want}
if bad:
    sys.exit("version mismatch: " + ", ".join(f"{k}={v}" for k, v in bad.items()) + f" (expected {want})")
print(want)
PY
