// What the front's private copy of a verified body costs `open()` at 2 KiB,
// under the mixed load of bench/open.mjs: each variant of the copy runs in
// a fresh process, in a reduced harness (the idiomatic node:crypto path,
// `open()` and the addon call alone, alternating batches, medians). Only
// the package's copy keeps the delivery's lazy fields valid; the others
// exist to measure what the copy costs and where (BENCHMARKS.md, Node).
//
//   node bench/copy.mjs [--rounds 21] [--passes 2]
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { realisticBody } from '../../tests/js/bodies.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(arg('--rounds', 21));

// Each variant: (bytes) => what the delivery keeps.
const reused = new Uint8Array(64 * 1024);
const latin1 = Buffer.prototype.latin1Slice;
let slab = null;
let used = 0;
const VARIANTS = {
  'none (the caller\'s buffer kept; not valid)': (bytes) => bytes,
  'set into one reused array (not kept; not valid)': (bytes) => {
    reused.set(bytes);
    return bytes;
  },
  'Buffer.allocUnsafe alone, no set': (bytes) => {
    Buffer.allocUnsafe(bytes.byteLength);
    return bytes;
  },
  'Buffer.allocUnsafe + set (the package, node/index.js)': (bytes) => {
    const copy = Buffer.allocUnsafe(bytes.byteLength);
    copy.set(bytes);
    return copy;
  },
  'one-byte JS string (latin1Slice)': (bytes) => latin1.call(bytes, 0, bytes.byteLength),
  'own 64 KiB slab, a view per delivery': (bytes) => {
    const n = bytes.byteLength;
    if (slab === null || n > slab.byteLength - used) {
      slab = Buffer.allocUnsafeSlow(64 * 1024).buffer;
      used = 0;
    }
    const copy = new Uint8Array(slab, used, n);
    copy.set(bytes);
    used += (n + 7) & ~7;
    return copy;
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function child(variant) {
  const require = createRequire(import.meta.url);
  const native = require('../binding.js');
  const { createFront } = require('../front.js');
  const { api } = createFront(native, { implementation: 'native', copyBytes: VARIANTS[variant] });
  const keyB64 = Buffer.from('benchmark-key-bytes-0123456789abcdef').toString('base64');
  const key = Buffer.from(keyB64, 'base64');
  const H = api.SIGNATURE_HEADER;
  const body = Buffer.from(realisticBody(2048));
  const headers = { host: '127.0.0.1', 'content-type': 'application/json', [H]: api.sign(keyB64, body) };
  const verifier = new api.Verifier(keyB64);
  const ring = new native.Keyring();
  ring.addText(keyB64);
  const handle = native.newVerifier(ring);
  const slots = new Float64Array(native.fieldKinds().length);
  const contenders = {
    'node:crypto + JSON.parse': (h, b) => {
      const given = Buffer.from(h[H], 'hex');
      const expected = createHmac('sha512', key).update(b).digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('mismatch');
      return { event: JSON.parse(b), sha: createHash('sha256').update(b).digest('hex') };
    },
    'open()': (h, b) => verifier.open(h, b),
    'addon call only': (h, b) => native.open(handle, b, slots, h[H]),
  };
  const n = Math.round(400_000 / 2048);
  const batch = (fn) => {
    let sink;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) sink = fn(headers, body);
    if (sink === undefined) throw new Error('no result');
    return Number(process.hrtime.bigint() - start) / n / 1000;
  };
  const names = Object.keys(contenders);
  for (const name of names) for (let i = 0; i < 3; i += 1) batch(contenders[name]);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r += 1) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) samples[name].push(batch(contenders[name]));
  }
  console.log(JSON.stringify(Object.fromEntries(names.map((name) => [name, median(samples[name])]))));
}

if (args[0] === '--child') {
  child(args[1]);
} else {
  const passes = Number(arg('--passes', 2));
  const self = fileURLToPath(import.meta.url);
  const rows = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, []]));
  for (let p = 0; p < passes; p += 1) {
    for (const variant of Object.keys(VARIANTS)) {
      const out = execFileSync(process.execPath, [self, '--child', variant, '--rounds', String(rounds)], { encoding: 'utf8' });
      rows[variant].push(JSON.parse(out));
    }
  }
  console.log(`the front's private copy at 2 KiB (Node ${process.version}, ${rounds} rounds, ${passes} fresh processes per variant; µs per call)`);
  console.log('| the copy | open() | addon call alone | node:crypto path |');
  console.log('|---|---|---|---|');
  const span = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  for (const [variant, runs] of Object.entries(rows)) {
    const col = (name) => span(runs.map((r) => r[name]));
    console.log(`| ${variant} | ${col('open()')} | ${col('addon call only')} | ${col('node:crypto + JSON.parse')} |`);
  }
}
