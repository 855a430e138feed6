// open() inside workerd (Cloudflare's runtime, through miniflare), timed
// from outside: one request runs N opens of a realistic delivery, minus an
// empty request, against the same work with workerd's node:crypto
// (nodejs_compat: createHmac + timingSafeEqual + JSON.parse + sha256) and
// with WebCrypto. Medians of interleaved rounds; printed for BENCHMARKS.md.
//
//   node wasm/bench/workerd.bench.mjs
import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { realisticBody } from '../../tests/js/bodies.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const KEY = 'c2VjcmV0LWtleS1ieXRlcw==';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const worker = `
import { Verifier } from './workerd.js';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
const KEY = ${JSON.stringify(KEY)};
const raw = Uint8Array.from(atob(KEY), (c) => c.charCodeAt(0));
const verifier = new Verifier(KEY);
let cryptoKey;
const hex = (s) => Uint8Array.from(s.match(/../g), (b) => parseInt(b, 16));
const decoder = new TextDecoder();
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n'));
    const body = new Uint8Array(await request.arrayBuffer());
    const headers = request.headers;
    const sig = headers.get('x-sd-webhook-content-hash');
    cryptoKey ??= await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-512' }, false, ['verify']);
    let sink = 0;
    switch (url.pathname) {
      case '/open':
        for (let i = 0; i < n; i += 1) sink += verifier.open(headers, body).bodyLength;
        break;
      case '/node-crypto':
        for (let i = 0; i < n; i += 1) {
          const expected = createHmac('sha512', raw).update(body).digest();
          if (!timingSafeEqual(Buffer.from(sig, 'hex'), expected)) throw new Error('mismatch');
          sink += JSON.parse(decoder.decode(body)).contract_id + createHash('sha256').update(body).digest('hex').length;
        }
        break;
      case '/webcrypto':
        for (let i = 0; i < n; i += 1) {
          if (!(await crypto.subtle.verify('HMAC', cryptoKey, hex(sig), body))) throw new Error('mismatch');
          sink += JSON.parse(decoder.decode(body)).contract_id + (await crypto.subtle.digest('SHA-256', body)).byteLength;
        }
        break;
      default:
        break;
    }
    return new Response(String(sink));
  },
};`;

const mf = new Miniflare({
  modules: [
    { type: 'ESModule', path: join(dist, 'bench-worker.mjs'), contents: worker },
    { type: 'ESModule', path: join(dist, 'workerd.js') },
    { type: 'CompiledWasm', path: join(dist, 'spotdraft_kit_wasm_bg.wasm') },
  ],
  compatibilityDate: '2026-04-01',
  compatibilityFlags: ['nodejs_compat'],
  cf: false,
});

try {
  console.log(`open() inside workerd (miniflare), ${ROUNDS} interleaved rounds, medians, per call`);
  console.log('| body | wasm open() µs | node:crypto path µs | speed-up | WebCrypto path µs | speed-up |');
  console.log('|---|---|---|---|---|---|');
  for (const size of [2048, 65536]) {
    const body = realisticBody(size);
    const sig = createHmac('sha512', Buffer.from(KEY, 'base64')).update(body).digest('hex');
    const n = size > 16384 ? 100 : 2000;
    const time = async (path, count) => {
      const start = performance.now();
      const res = await mf.dispatchFetch(`http://127.0.0.1${path}?n=${count}`, {
        method: 'POST', body, headers: { 'x-sd-webhook-content-hash': sig },
      });
      await res.text();
      return performance.now() - start;
    };
    const paths = ['/open', '/node-crypto', '/webcrypto'];
    for (const p of paths) await time(p, n); // warm-up
    const samples = Object.fromEntries(paths.map((p) => [p, []]));
    for (let r = 0; r < ROUNDS; r += 1) {
      for (const p of (r % 2 ? [...paths].reverse() : paths)) {
        const empty = await time('/empty', 0);
        samples[p].push(((await time(p, n)) - empty) * 1000 / n);
      }
    }
    const [o, c, w] = paths.map((p) => median(samples[p]));
    console.log(`| ${size / 1024} KiB | ${o.toFixed(1)} | ${c.toFixed(1)} | ${(c / o).toFixed(2)}× | ${w.toFixed(1)} | ${(w / o).toFixed(2)}× |`);
  }
} finally {
  await mf.dispose();
}
