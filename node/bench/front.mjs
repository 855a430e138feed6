// Where the front layer's share of `open()` at 2 KiB goes: the package's
// front (front.js, copied from js/front.js by the build) and variants of it
// with one piece taken out, each in a fresh process, timing `open()` beside
// the addon call alone (alternating batches, medians). The variants are
// made from the real front by text replacement and are for measurement
// only: each gives up something the contract needs. A replacement that no
// longer matches the front fails loudly, so a refactor cannot turn a
// variant into a copy of the package.
//
//   node bench/front.mjs [--rounds 41] [--passes 4]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realisticBody } from '../../tests/js/bodies.mjs';
import { KEY_B64, interleaved, median } from './harness.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(arg('--rounds', 41));
const passes = Number(arg('--passes', 4));
const here = fileURLToPath(new URL('.', import.meta.url));

const OPEN_BODY = `      const pairs = headerPairs(headers);
      const bytes = this.#sized(bodyOf(body));
      return new Delivery(openPacked(this.#native, pairs, bytes), keep(bytes), this.#native);`;
const opened = (from, to) => [[OPEN_BODY, OPEN_BODY.replace(from, to)]];
// Each variant: [what is taken out or changed, [[text in the front, its replacement], ...]].
const VARIANTS = [
  ['nothing (the package: the body copied into a shared slab, a view made on first read)', []],
  ['the slab: a Buffer per delivery (Buffer.allocUnsafe + set, the copy before the slab)', opened(
    'keep(bytes)',
    'new Kept(((copy) => (copy.set(bytes), copy))(Buffer.allocUnsafe(bytes.byteLength)), 0, bytes.byteLength)',
  )],
  ['the private copy (the caller\'s buffer kept: not valid)', opened('keep(bytes)', 'new Kept(bytes, 0, bytes.byteLength)')],
  ['the header scan (the one lowercase header read by name)', opened('headerPairs(headers)', '[SIGNATURE_HEADER, headers[SIGNATURE_HEADER]]')],
  ['the body check and size check (a Buffer taken as is)', opened('this.#sized(bodyOf(body))', 'body')],
  ['the Delivery and Event objects (the field array returned)', opened(
    /return new Delivery\((.*), keep\(bytes\), this.#native\);/,
    'return [$1, keep(bytes)];',
  )],
  ['the unpacking and the objects (the packed string returned)', opened(
    /return new Delivery\(.*\);/,
    'return [native.open(this.#native, bytes, SLOTS, pairs[1]), keep(bytes)];',
  )],
];

function child(frontFile) {
  const require = createRequire(import.meta.url);
  const native = require('../binding.js');
  const { createFront } = require(frontFile);
  // Made as the package makes its front (node/index.js).
  const { options } = require('../index.js')[Symbol.for('@spotdraft-kit.internal')];
  const { api } = createFront(native, options);
  const H = api.SIGNATURE_HEADER;
  const body = Buffer.from(realisticBody(2048));
  const headers = { host: '127.0.0.1', 'content-type': 'application/json', [H]: api.sign(KEY_B64, body) };
  const verifier = new api.Verifier(KEY_B64);
  const ring = new native.Keyring();
  ring.addText(KEY_B64);
  const handle = native.newVerifier(ring);
  const slots = new Float64Array(native.fieldKinds().length);
  // Two native calls that cross what `open` crosses and do almost nothing:
  // the floor under the addon call's share.
  const tiny = Buffer.from('{"activity":"A"}');
  const notHex = 'g'.repeat(128);
  const contenders = {
    'open()': (h, b) => verifier.open(h, b),
    addon: (h, b) => native.open(handle, b, slots, h[H]),
    parseEmpty: () => native.parseEvent(tiny, slots),
    notHex: () => String(native.isValid(handle, tiny, notHex)),
  };
  console.log(JSON.stringify(interleaved(contenders, { headers, body, n: 200, rounds, warmup: 4000 })));
}

if (args[0] === '--child') {
  child(args[1]);
} else {
  const front = readFileSync(join(here, '..', 'front.js'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'sdkit-front-'));
  try {
    const files = VARIANTS.map(([label, edits], i) => {
      let text = front;
      for (const [from, to] of edits) {
        if (!text.includes(from) || from === to) throw new Error(`bench/front.mjs: the variant "${label}" no longer matches front.js; update it`);
        text = text.replace(from, to);
      }
      const file = join(dir, `front-${i}.js`);
      writeFileSync(file, text);
      return file;
    });
    const runs = files.map(() => []);
    for (let p = 0; p < passes; p += 1) {
      files.forEach((file, i) => {
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, '--rounds', String(rounds)], { encoding: 'utf8' });
        runs[i].push(JSON.parse(out));
      });
    }
    console.log(`the front's share of open() at 2 KiB (Node ${process.version}, ${rounds} rounds, ${passes} fresh processes per variant; µs per call, medians)`);
    console.log('| taken out | `open()` | addon call alone | `open()` − addon call, each process |');
    console.log('|---|---|---|---|');
    VARIANTS.forEach(([label], i) => {
      const r = runs[i];
      const gaps = r.map((x) => (x['open()'] - x.addon).toFixed(2)).join(', ');
      console.log(`| ${label} | ${median(r.map((x) => x['open()'])).toFixed(2)} | ${median(r.map((x) => x.addon)).toFixed(2)} | ${gaps} |`);
    });
    const all = runs.flat();
    const span = (name) => `${Math.min(...all.map((x) => x[name])).toFixed(2)}–${Math.max(...all.map((x) => x[name])).toFixed(2)}`;
    console.log('');
    console.log('native calls that cross what `open` crosses and do almost nothing (µs per call, over every process):');
    console.log(`- parseEvent(\`{"activity":"A"}\`, slots): a body, the slots, a packed string back: ${span('parseEmpty')}`);
    console.log(`- isValid(handle, that body, 128 non-hex characters): the handle, a body, a 128-character string, refused before any hashing: ${span('notHex')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
