// Benchmark of @spotdraft-kit/wasm in Node, printed for BENCHMARKS.md:
//  - Verifier.open on realistic 2 KiB and 64 KiB deliveries (pretty-printed,
//    people and counterparties: tests/js/bodies.mjs) vs the idiomatic WebCrypto
//    path (crypto.subtle.verify HMAC-SHA512 with a pre-imported key, then
//    JSON.parse), measured side by side in one process, interleaved rounds,
//    medians, as ratios;
//  - cold start: import of the package (read + compile + instantiate), then
//    import plus the first open(), and the bare WebAssembly compile, each in
//    fresh Node processes.
// Machines here are shared and noisy: compare the ratios, not the absolute
// numbers. Nothing asserts timings.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { Verifier, bodySha256, parseEvent, sign } from '../dist/node.mjs';
import { realisticBody } from '../../tests/js/bodies.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const KEY = 'c2VjcmV0LWtleS1ieXRlcw==';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Realistic deliveries: pretty-printed, people and counterparties.
const payload = realisticBody;

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

const decoder = new TextDecoder();

async function benchOpen(size) {
  const body = payload(size);
  const signature = sign(KEY, body);
  const headers = new Headers({ 'x-sd-webhook-content-hash': signature, 'content-type': 'application/json' });
  const verifier = new Verifier(KEY);
  const cryptoKey = await crypto.subtle.importKey('raw', Uint8Array.from(atob(KEY), (c) => c.charCodeAt(0)),
    { name: 'HMAC', hash: 'SHA-512' }, false, ['verify']);

  const wasmOnce = async () => verifier.open(headers, body);
  const webcryptoOnce = async () => {
    const value = headers.get('x-sd-webhook-content-hash').trim();
    if (!/^[0-9a-fA-F]{128}$/.test(value)) throw new Error('malformed');
    if (!(await crypto.subtle.verify('HMAC', cryptoKey, hexToBytes(value), body))) throw new Error('mismatch');
    return JSON.parse(decoder.decode(body));
  };
  // The same plus the body's SHA-256, which open() also computes (the
  // payload hash to log, and the dedupe fallback).
  const webcryptoHashOnce = async () => {
    const event = await webcryptoOnce();
    await crypto.subtle.digest('SHA-256', body);
    return event;
  };
  const iterations = size > 16384 ? 300 : 3000;
  const time = async (fn) => {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) await fn();
    return ((performance.now() - start) * 1000) / iterations; // µs per op
  };
  await time(wasmOnce);
  await time(webcryptoOnce);
  await time(webcryptoHashOnce);
  const wasm = [];
  const webcrypto = [];
  const webcryptoHash = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    wasm.push(await time(wasmOnce));
    webcrypto.push(await time(webcryptoOnce));
    webcryptoHash.push(await time(webcryptoHashOnce));
  }
  return { size: body.length, wasm: median(wasm), webcrypto: median(webcrypto), webcryptoHash: median(webcryptoHash) };
}

// Where open()'s time goes, per call, each part next to the host's own
// (V8's JSON.parse, WebCrypto's digest): parseEvent, bodySha256, verify.
async function breakdown(size) {
  const body = payload(size);
  const signature = sign(KEY, body);
  const verifier = new Verifier(KEY);
  const n = size > 16384 ? 200 : 2000;
  const parts = {
    'parseEvent (typed fields)': () => parseEvent(body).activity,
    'JSON.parse (V8)': () => JSON.parse(decoder.decode(body)).activity,
    'bodySha256': () => bodySha256(body),
    'SHA-256 (WebCrypto)': () => crypto.subtle.digest('SHA-256', body),
    'verify (HMAC-SHA512)': () => verifier.verify(body, signature),
  };
  const samples = Object.fromEntries(Object.keys(parts).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const [name, fn] of Object.entries(parts)) {
      const start = performance.now();
      for (let i = 0; i < n; i += 1) await fn();
      samples[name].push(((performance.now() - start) * 1000) / n);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

function coldStart() {
  const entry = JSON.stringify(join(dist, 'node.mjs'));
  const bodies = JSON.stringify(join(here, '..', '..', 'tests', 'js', 'bodies.mjs'));
  const importScript = `const t=performance.now();await import(${entry});console.log(performance.now()-t)`;
  // The body is built and signed before the clock starts: only the import
  // and the first Verifier + open() are timed.
  const firstOpenScript = `const {realisticBody}=await import(${bodies});const {createHmac}=await import('node:crypto');`
    + `const body=realisticBody(2048);const sig=createHmac('sha512',Buffer.from(${JSON.stringify(KEY)},'base64')).update(body).digest('hex');`
    + `const t=performance.now();const k=await import(${entry});new k.Verifier(${JSON.stringify(KEY)}).open({'x-sd-webhook-content-hash':sig},body);`
    + 'console.log(performance.now()-t)';
  const compileScript = `const b=require('fs').readFileSync(${JSON.stringify(join(dist, 'spotdraft_kit_wasm_bg.wasm'))});const t=performance.now();new WebAssembly.Module(b);console.log(performance.now()-t)`;
  const runs = 9;
  const imports = [];
  const firstOpens = [];
  const compiles = [];
  for (let i = 0; i < runs; i += 1) {
    imports.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', importScript], { encoding: 'utf8' })));
    firstOpens.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', firstOpenScript], { encoding: 'utf8' })));
    compiles.push(Number(execFileSync(process.execPath, ['-e', compileScript], { encoding: 'utf8' })));
  }
  return { importMs: median(imports), firstOpenMs: median(firstOpens), compileMs: median(compiles), runs };
}

const wasmBytes = readFileSync(join(dist, 'spotdraft_kit_wasm_bg.wasm'));
console.log(`@spotdraft-kit/wasm benchmark (Node ${process.version}, ${ROUNDS} interleaved rounds, medians)`);
console.log(`wasm size: ${wasmBytes.length} bytes, ${gzipSync(wasmBytes, { level: 9 }).length} bytes gzipped`);
console.log('ratio = wasm time / WebCrypto time (above 1: wasm is slower)');
console.log('');
console.log('| body | wasm open() µs | WebCrypto verify + JSON.parse µs | ratio | WebCrypto + SHA-256 µs | ratio |');
console.log('|---|---|---|---|---|---|');
for (const size of [2048, 65536]) {
  const r = await benchOpen(size);
  console.log(`| ${(r.size / 1024).toFixed(0)} KiB | ${r.wasm.toFixed(1)} | ${r.webcrypto.toFixed(1)} | ${(r.wasm / r.webcrypto).toFixed(2)} `
    + `| ${r.webcryptoHash.toFixed(1)} | ${(r.wasm / r.webcryptoHash).toFixed(2)} |`);
}
console.log('');
console.log('| part, per call | 2 KiB µs | 64 KiB µs |');
console.log('|---|---|---|');
const small = await breakdown(2048);
const large = await breakdown(65536);
for (const name of Object.keys(small)) console.log(`| ${name} | ${small[name].toFixed(1)} | ${large[name].toFixed(1)} |`);
const cold = coldStart();
console.log('');
console.log(`cold start (median of ${cold.runs} fresh processes): import of the package ${cold.importMs.toFixed(1)} ms; `
  + `import + first open() ${cold.firstOpenMs.toFixed(1)} ms; WebAssembly compile alone ${cold.compileMs.toFixed(1)} ms`);
