// The `browser`/`import` entry (dist/browser.js): it fetches the .wasm next
// to itself and instantiates it with top-level await, as in browsers, Deno
// and bundled apps. Node's fetch has no file: URLs, so this test serves
// them from disk with the content type a web server sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('browser entry: fetch + instantiateStreaming, then the same API', async () => {
  const realFetch = globalThis.fetch;
  const fetched = [];
  globalThis.fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'file:') return realFetch(input);
    fetched.push(url.pathname.split('/').pop());
    return new Response(readFileSync(url), { headers: { 'content-type': 'application/wasm' } });
  };
  try {
    const kit = await import('../dist/browser.js');
    assert.deepEqual(fetched, ['spotdraft_kit_wasm_bg.wasm']);
    const body = '{"activity":"CONTRACT_VOIDED","contract_id":8}';
    const v = new kit.Verifier('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==');
    const d = v.open(new Headers({ 'x-sd-webhook-content-hash': kit.sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==', body) }), body);
    assert.equal(d.event.category, 'lifecycle');
    assert.throws(() => v.open(new Headers(), body), kit.SpotDraftKitError);
  } finally {
    globalThis.fetch = realFetch;
  }
});
