// open() (verify + parse + fingerprint) against the idiomatic node:crypto
// path, side by side in one process, on the core's realistic 2 KiB and 64
// KiB bodies (tests/js/bodies.mjs: 1,873 and 65,431 bytes). Prints the
// median time per call of each and their ratio. Rounds alternate the order
// of the contenders so neither always runs on a warmer cache.
//
//   node bench/open.mjs [--rounds 21] [--json]
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Verifier, sign } from '../index.mjs';
import { realisticBody } from '../../tests/js/bodies.mjs';
import { KEY_B64, interleaved, median } from './harness.mjs';

const native = createRequire(import.meta.url)('../binding.js');

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 21;
const asJson = args.includes('--json');

const KEY = Buffer.from(KEY_B64, 'base64');
const H = 'x-sd-webhook-content-hash';

const payload = (size) => Buffer.from(realisticBody(size));

// What a careful Node receiver writes without this library.
function idiomatic(headers, body) {
  const given = Buffer.from(headers[H], 'hex');
  const expected = createHmac('sha512', KEY).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('mismatch');
  const event = JSON.parse(body);
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  return { event, bodySha256 };
}

const verifier = new Verifier(KEY_B64);
const ring = new native.Keyring();
ring.addText(KEY_B64);
const addon = native.newVerifier(ring);
// The packed form's slots, as the front allocates them (wasm/src/packed.rs).
const slots = new Float64Array(native.fieldKinds().length);
const contenders = {
  'node:crypto + JSON.parse': (h, b) => idiomatic(h, b),
  'spotdraft-kit open()': (h, b) => verifier.open(h, b),
  'open() + payload access': (h, b) => verifier.open(h, b).event.payload,
  'open() + logRecord()': (h, b) => verifier.open(h, b).logRecord(),
  // Breakdown: the addon call alone (core open, the delivery packed), and
  // the HMAC alone on each side.
  'addon call only': (h, b) => native.open(addon, b, slots, h[H]),
  'HMAC only: node:crypto': (h, b) => createHmac('sha512', KEY).update(b).digest(),
  'HMAC only: verify()': (h, b) => verifier.verify(b, h[H]) + 1,
};

const results = [];
for (const size of [2 * 1024, 64 * 1024]) {
  const body = payload(size);
  const headers = { host: '127.0.0.1', 'content-type': 'application/json', [H]: sign(KEY_B64, body) };
  // Same answer from both before timing anything.
  const a = idiomatic(headers, body);
  const b = verifier.open(headers, body);
  if (a.bodySha256 !== b.bodySha256 || a.event.contract_id !== b.event.contractId) throw new Error('results differ');
  const n = Math.max(50, Math.round(400_000 / size));
  const medians = interleaved(contenders, { headers, body, n, rounds, warmup: n * 3 });
  const base = medians['node:crypto + JSON.parse'];
  const hmacBase = medians['HMAC only: node:crypto'];
  for (const [name, us] of Object.entries(medians)) {
    const ref = name.startsWith('HMAC only') ? hmacBase : base;
    results.push({ body_bytes: body.length, contender: name, median_us: Number(us.toFixed(2)), speedup_vs_node: Number((ref / us).toFixed(2)) });
  }
}

// Cold start in fresh processes: the import alone, and the import plus the
// first Verifier + open() (body built and signed before the clock starts).
function coldStart() {
  const here = dirname(fileURLToPath(import.meta.url));
  const entry = JSON.stringify(join(here, '..', 'index.mjs'));
  const bodies = JSON.stringify(join(here, '..', '..', 'tests', 'js', 'bodies.mjs'));
  const importScript = `const t=performance.now();await import(${entry});console.log(performance.now()-t)`;
  const firstOpenScript = `const {realisticBody}=await import(${bodies});const {createHmac}=await import('node:crypto');`
    + `const body=realisticBody(2048);const sig=createHmac('sha512',Buffer.from(${JSON.stringify(KEY_B64)},'base64')).update(body).digest('hex');`
    + `const t=performance.now();const k=await import(${entry});new k.Verifier(${JSON.stringify(KEY_B64)}).open({'${H}':sig},body);`
    + 'console.log(performance.now()-t)';
  const imports = [];
  const firstOpens = [];
  for (let i = 0; i < 9; i += 1) {
    imports.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', importScript], { encoding: 'utf8' })));
    firstOpens.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', firstOpenScript], { encoding: 'utf8' })));
  }
  return { importMs: median(imports), firstOpenMs: median(firstOpens) };
}
const cold = coldStart();

if (asJson) {
  console.log(JSON.stringify({ results, cold }, null, 2));
} else {
  console.log(`open() vs idiomatic node:crypto path (Node ${process.version}, ${rounds} rounds, medians)`);
  console.log('body bytes  contender                   median µs/call  speedup vs node:crypto (HMAC rows: vs node HMAC)');
  for (const r of results) {
    console.log(`${String(r.body_bytes).padStart(10)}  ${r.contender.padEnd(26)}  ${String(r.median_us).padStart(14)}  ${r.speedup_vs_node.toFixed(2)}x`);
  }
  console.log(`cold start (median of 9 fresh processes): import ${cold.importMs.toFixed(1)} ms; import + first open() ${cold.firstOpenMs.toFixed(1)} ms`);
}
