// The SpotDraft API layer of a JavaScript implementation of spotdraft-kit:
// the four API golden tables (tests/vectors/api/*.json), then the executor
// (`Api#send`) against the stub SpotDraft server (tests/stub), which this
// suite starts on 127.0.0.1 and stops. The implementation is chosen by
// SPOTDRAFT_KIT_IMPL, as for conformance.test.mjs:
//
//   SPOTDRAFT_KIT_IMPL=@spotdraft-kit/wasm node --test tests/js/api.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { kit } from './impl.mjs';
import { useStub } from './stub.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vectorDir = join(here, '..', 'vectors', 'api');
const { Api, RetryPolicy, RateLimiter, parseResponse, SpotDraftKitError } = kit;

const cases = (file) => {
  const doc = JSON.parse(readFileSync(join(vectorDir, file), 'utf8'));
  assert.equal(doc.format, 'spotdraft-kit-vectors/1');
  return doc.cases;
};

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

const configOf = (c) => {
  const { region, base_url: baseUrl, client_id: clientId, client_secret: clientSecret, environment, user_email: userEmail } = c.config;
  return { region, baseUrl, clientId, clientSecret, environment, userEmail };
};

// Every text a user could see or log about an error or an object.
const texts = (value) => [String(value?.message ?? ''), String(value), inspect(value, { depth: 5 }),
  JSON.stringify(value?.logRecord ?? null)];

function assertNoSecret(value, secret, name) {
  if (!secret || secret.trim().length < 6) return;
  for (const text of texts(value)) assert.ok(!text.includes(secret.trim()), `${name}: leaks the client secret: ${text}`);
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

// --- golden tables ---------------------------------------------------------

// requests.json pins core's typed Rust builders and the generic `request`;
// JS has `request` and one method per operation over `call` (calls.json).
test('API golden table: requests (Api#request: method, URL, headers, body)', () => {
  const all = cases('requests.json').filter((c) => c.call === 'request');
  assert.ok(all.length >= 4);
  for (const c of all) {
    const api = new Api(configOf(c));
    const method = camel(c.call);
    assert.equal(typeof api[method], 'function', `${c.name}: Api#${method}`);
    const secret = c.config.client_secret;
    const e = thrown(() => api[method](...c.args));
    if (c.expect.error) {
      assert.ok(e instanceof SpotDraftKitError, `${c.name}: expected ${c.expect.error}, got ${e}`);
      assert.equal(e.code, c.expect.error, `${c.name}: ${e.message}`);
      assertNoSecret(e, secret, c.name);
      continue;
    }
    assert.equal(e, undefined, `${c.name}: ${e}`);
    const req = api[method](...c.args);
    assert.equal(req.method, c.expect.method, c.name);
    assert.equal(req.url, c.expect.url, c.name);
    for (const [k, v] of Object.entries(c.expect.headers)) assert.equal(req.headers[k], v, `${c.name}: header ${k}`);
    assert.deepEqual(req.body === null ? null : JSON.parse(req.body), c.expect.body, `${c.name}: body`);
    assert.equal(req.environment, c.config.environment ?? 'production', c.name);
    // The operation survives the round trip through the binding.
    const record = api.logRecord(req);
    assert.equal(record.operation, req.operation, `${c.name}: operation`);
    assert.equal(record.method, req.method, c.name);
    if (secret.trim().length >= 6) {
      for (const v of [inspect(req), inspect(api), JSON.stringify(record), JSON.stringify(api.redact(req)), inspect(api.redact(req))]) {
        assert.ok(!v.includes(secret), `${c.name}: secret in inspect or log output`);
      }
    }
  }
});

test('API call table: every operation through api.call(operation, params)', () => {
  const all = cases('calls.json');
  const table = JSON.parse(readFileSync(join(here, '..', '..', 'api', 'operations.json'), 'utf8'));
  const succeeded = new Set();
  for (const c of all) {
    const { oauth_token: oauthToken } = c.config;
    const api = new Api(oauthToken ? { region: c.config.region, baseUrl: c.config.base_url, environment: c.config.environment, oauthToken } : configOf(c));
    const e = thrown(() => api.call(c.operation, c.params));
    if (c.expect.error) {
      assert.ok(e instanceof SpotDraftKitError, `${c.name}: expected ${c.expect.error}, got ${e}`);
      assert.equal(e.code, c.expect.error, `${c.name}: ${e.message}`);
      assert.ok(e.message.includes(c.expect.message_contains), `${c.name}: ${e.message}`);
      for (const secret of ['s3cret-value', 'eyJhbGciOi']) assertNoSecret(e, secret, c.name);
      continue;
    }
    assert.equal(e, undefined, `${c.name}: ${e}`);
    const req = api.call(c.operation, c.params);
    assert.equal(req.method, c.expect.method, c.name);
    assert.equal(req.url, c.expect.url, c.name);
    for (const [k, v] of Object.entries(c.expect.headers)) assert.equal(req.headers[k], v, `${c.name}: header ${k}`);
    assert.deepEqual(req.body === null ? null : JSON.parse(req.body), c.expect.body, `${c.name}: body`);
    assert.equal(req.operation, c.operation, c.name);
    for (const secret of ['s3cret-value', 'eyJhbGciOi']) assertNoSecret(api.redact(req), secret, c.name);
    // The operation's own camelCase method is the same call.
    assert.deepEqual(api[camel(c.operation)](c.params), req, `${c.name}: Api#${camel(c.operation)}`);
    succeeded.add(c.operation);
  }
  assert.deepEqual([...succeeded].sort(), table.operations.map((op) => op.name).sort());
});

test('Api has one method per operation of the table, over call', () => {
  const table = JSON.parse(readFileSync(join(here, '..', '..', 'api', 'operations.json'), 'utf8'));
  const api = new Api({ region: 'us', clientId: 'a', clientSecret: 'method-s3cret' });
  for (const { name } of table.operations) {
    assert.equal(typeof Api.prototype[camel(name)], 'function', `Api#${camel(name)}`);
    // Errors are call's: a missing required parameter names the operation's field.
    const viaCall = thrown(() => api.call(name, null));
    const viaMethod = thrown(() => api[camel(name)]());
    assert.equal(viaMethod?.code, viaCall?.code, name);
    assert.equal(viaMethod?.message, viaCall?.message, name);
  }
  assert.equal(thrown(() => api.call(42, null)).code, 'invalid_argument');
});

test('API golden table: config', () => {
  for (const c of cases('config.json')) {
    const e = thrown(() => new Api(configOf(c)));
    if (c.expect.ok) {
      assert.equal(e, undefined, `${c.name}: ${e}`);
    } else {
      assert.ok(e instanceof SpotDraftKitError, `${c.name}: expected ${c.expect.error}`);
      assert.equal(e.code, c.expect.error, `${c.name}: ${e.message}`);
      assertNoSecret(e, c.config.client_secret, c.name);
    }
  }
});

test('API golden table: responses', () => {
  for (const c of cases('responses.json')) {
    const e = thrown(() => parseResponse(c.status, c.headers, c.body));
    const { expect } = c;
    if (!expect.error) {
      assert.equal(e, undefined, `${c.name}: ${e}`);
      assert.deepEqual(parseResponse(c.status, c.headers, c.body), expect.json, c.name);
      continue;
    }
    assert.ok(e instanceof SpotDraftKitError, `${c.name}: expected ${expect.error}`);
    assert.equal(e.code, expect.error, `${c.name}: ${e.message}`);
    if (expect.error !== 'api_error') continue;
    assert.equal(e.status, expect.status, `${c.name}: status`);
    assert.equal(e.retryable, expect.retryable, `${c.name}: retryable`);
    if ('detail' in expect) assert.equal(e.detail, expect.detail, `${c.name}: detail`);
    if ('code' in expect) assert.equal(e.apiCode, expect.code, `${c.name}: code`);
    if ('message' in expect) assert.equal(e.apiMessage, expect.message, `${c.name}: message`);
    if ('field_errors' in expect) assert.deepEqual(e.fieldErrors, expect.field_errors, `${c.name}: field_errors`);
    if ('retry_after' in expect) {
      const want = expect.retry_after === null ? null
        : 'delay_ms' in expect.retry_after ? { delayMs: expect.retry_after.delay_ms } : { atUnixMs: expect.retry_after.at_unix_ms };
      assert.deepEqual(e.retryAfter, want, `${c.name}: retry_after`);
    }
  }
});

test('API golden table: retry delays and the rate limiter', () => {
  let ran = 0;
  for (const c of cases('retry.json')) {
    if (c.op === 'retry_delay') {
      const p = c.policy;
      const policy = new RetryPolicy({ maxAttempts: p.max_attempts, baseMs: p.base_ms, capMs: p.cap_ms });
      const retryAfter = c.retry_after === null ? null
        : 'delay_ms' in c.retry_after ? { delayMs: c.retry_after.delay_ms } : { atUnixMs: c.retry_after.at_unix_ms };
      const got = policy.nextDelayMs(c.attempt, { retryable: c.retryable, retryAfter }, c.random, c.now_ms);
      assert.equal(got, c.expect.delay_ms, c.name);
    } else {
      assert.equal(c.op, 'rate_limiter', c.name);
      const limiter = new RateLimiter({ maxRequests: c.max_requests, windowMs: c.window_ms });
      assert.deepEqual(c.calls.map((now) => limiter.acquire(now)), c.expect.waits, c.name);
    }
    ran += 1;
  }
  assert.ok(ran >= 10);
});

// --- the Api object --------------------------------------------------------

test('Api methods are exactly those the shared .d.ts declares', () => {
  const dts = readFileSync(join(here, '..', '..', 'js', 'spotdraft-kit.d.ts'), 'utf8');
  // The class, and the generated interface of one method per operation it merges with.
  const methods = (start) => {
    const body = dts.slice(dts.indexOf(start));
    return [...body.slice(0, body.indexOf('\n}\n')).matchAll(/^  (\w+)(?:<[^>]*>)?\(/gm)].map((m) => m[1]);
  };
  const declared = [...new Set([...methods('export declare class Api {'), ...methods('export interface Api {')])]
    .filter((n) => n !== 'constructor').sort();
  const runtime = Object.getOwnPropertyNames(Api.prototype).filter((n) => n !== 'constructor').sort();
  assert.deepEqual(runtime, declared);
  assert.equal(typeof Api.fromEnv, 'function');
});

const STUB_SECRET = 'stub-secret';

test('Api: methods per operation, fromEnv, defaults, redaction', () => {
  const api = Api.fromEnv({
    SPOTDRAFT_REGION: 'eu', SPOTDRAFT_CLIENT_ID: 'cid', SPOTDRAFT_CLIENT_SECRET: 'env-s3cret-value',
    SPOTDRAFT_ENVIRONMENT: 'uat', SPOTDRAFT_USER_EMAIL: 'ops@example.com', UNRELATED: undefined,
  });
  assert.equal(api.region, 'eu');
  assert.equal(api.baseUrl, 'https://api.eu.spotdraft.com/api/');
  assert.equal(api.environment, 'uat');
  assert.equal(api.clientId, 'cid');
  assert.equal(api.userEmail, 'ops@example.com');
  assert.equal(api.secretFingerprint.length, 16);
  assert.ok(!inspect(api).includes('env-s3cret-value'));
  const req = api.contractsRetrieve({ page: 1, limit: 10, filters: { client_email_address: { $eq: 'a@example.com' } } });
  assert.equal(req.headers['user-email'], 'ops@example.com');
  const red = api.redact(req);
  assert.equal(red.headers['client-secret'], '<redacted>');
  assert.equal(red.headers['user-email'], '<redacted>');
  assert.ok(red.url.endsWith('filter__client_email_address[$eq]=<redacted>'));
  assert.equal(red.body, null);
  const e = thrown(() => Api.fromEnv({ SPOTDRAFT_CLIENT_ID: 'x', SPOTDRAFT_CLIENT_SECRET: 'env-s3cret-value' }));
  assert.equal(e.code, 'invalid_config');
  assertNoSecret(e, 'env-s3cret-value', 'fromEnv');
  assert.equal(thrown(() => new Api({ region: 'us', baseUrl: 'https://x.example/api/', clientId: 'a', clientSecret: 'b' })).code, 'invalid_config');
  assert.equal(thrown(() => new Api(null)).code, 'invalid_argument');
  assert.equal(thrown(() => new Api({ region: 'us', clientId: 1, clientSecret: 'b' })).code, 'invalid_argument');
  // Wrong argument types are invalid_argument, never a crash.
  const ok = new Api({ region: 'us', clientId: 'a', clientSecret: 'b' });
  assert.equal(thrown(() => ok.contractsRetrieve({ page: {}, limit: 10 })).code, 'invalid_argument');
  assert.equal(thrown(() => ok.webhooksCreate({ body: { title: 't', url: 'https://h.example.com', only_for_activities: 'CONTRACT_SIGNED' } })).code, 'invalid_argument');
  assert.equal(thrown(() => ok.parseResponse({}, 200, null, '')).code, 'invalid_argument');
  assert.equal(ok.webhooksDestroy({ webhook_id: 12 }).url, 'https://api.us.spotdraft.com/api/v2.1/public/webhooks/12');
  assert.equal(ok.request('GET', 'v2.1/public/contracts/approvals/T-1/', { page: 1 }).url,
    'https://api.us.spotdraft.com/api/v2.1/public/contracts/approvals/T-1/?page=1');
  const record = ok.responseLogRecord(ok.webhooksHmacKeyGet(), 200, 1, { 'x-request-id': 'r-1' });
  assert.equal(record.status, 200);
  assert.equal(record.retries, 1);
  assert.equal(record.request_id, 'r-1');
});

test('Api#parseResponse names the redirect cause; transport errors never leak the secret', () => {
  const api = new Api({ region: 'us', clientId: 'a', clientSecret: 'parse-s3cret-value' });
  const req = api.webhooksDestroy({ webhook_id: '5' });
  const e = thrown(() => api.parseResponse(req, 302, [['location', `${req.url}/`]], ''));
  assert.equal(e.code, 'api_error');
  assert.equal(e.status, 302);
  assert.equal(e.retryable, false);
  assert.match(e.message, /trailing slash/);
  assert.deepEqual(api.parseResponse(req, 204, null, null), null);
  const date = thrown(() => api.parseResponse(req, 429, { 'Retry-After': new Date(Date.now() + 60000).toUTCString() }, ''));
  assert.ok(date.retryAfterMs > 0 && date.retryAfterMs <= 60000);
  assertNoSecret(e, 'parse-s3cret-value', 'redirect');
});

// --- the executor against the stub ------------------------------------------

const stub = useStub();
const control = (...args) => stub.control(...args);
const reset = () => control('reset', undefined, 'POST');
const fault = (path, spec) => control('fault', { path: `/api/v2.1/public/${path}`, ...spec });
const calls = async (path) => (await control('calls')).filter((c) => path === undefined || c.path === `/api/v2.1/public/${path}`);

const stubApi = (options) => new Api({ baseUrl: `${stub.base}/api/`, clientId: 'stub-client', clientSecret: STUB_SECRET, environment: 'test' },
  { retry: { baseMs: 20, capMs: 200 }, ...options });

const rejection = async (promise) => {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
  return undefined;
};

test('send: fetches the HMAC key', async () => {
  await reset();
  const api = stubApi();
  const answer = await api.send(api.webhooksHmacKeyGet());
  assert.match(answer.hmac_key, /^[A-Za-z0-9+/]+=*$/);
  const [call] = await calls('webhooks/hmac_key/');
  assert.equal(call.authed, true);
  assert.equal(call.method, 'GET');
});

test('send: webhook create and delete round trip; deleting again is a 404, not retried', async () => {
  await reset();
  const api = stubApi();
  const hook = await api.send(api.webhooksCreate({ body: { title: 'CRM sync', url: 'https://hooks.example.com/spotdraft', only_for_activities: ['CONTRACT_EXECUTED'] } }));
  assert.equal(hook.status, 'ACTIVE');
  assert.deepEqual(hook.only_for_activities, ['CONTRACT_EXECUTED']);
  assert.equal(await api.send(api.webhooksDestroy({ webhook_id: hook.id })), null);
  const e = await rejection(api.send(api.webhooksDestroy({ webhook_id: hook.id })));
  assert.ok(e instanceof SpotDraftKitError);
  assert.equal(e.code, 'api_error');
  assert.equal(e.status, 404);
  assert.equal(e.retryable, false);
  assert.equal(e.attempts, 1);
  assert.equal((await calls(`webhooks/${hook.id}`)).length, 2);
  assertNoSecret(e, STUB_SECRET, '404');
});

test('send: list pagination across pages', async () => {
  await reset();
  const api = stubApi();
  const seen = [];
  for (let page = 1; ; page += 1) {
    const answer = await api.send(api.contractsRetrieve({ page, limit: 10 }));
    seen.push(...answer.results.map((c) => c.id));
    if (page * answer.limit >= answer.total_results) break;
  }
  // SpotDraft's listing schema gives contract ids as strings.
  assert.deepEqual(seen, Array.from({ length: 23 }, (_, i) => String(i + 1)));
  assert.deepEqual((await calls('contracts/')).map((c) => c.query), ['limit=10&page=1', 'limit=10&page=2', 'limit=10&page=3']);
});

test('paginate: every result of every page, the walk decided by core', async () => {
  await reset();
  const api = stubApi();
  const ids = [];
  for await (const contract of api.paginate('contracts_retrieve', { limit: 10 })) ids.push(contract.id);
  assert.deepEqual(ids, Array.from({ length: 23 }, (_, i) => String(i + 1)));
  assert.deepEqual((await calls('contracts/')).map((c) => c.query), ['limit=10&page=1', 'limit=10&page=2', 'limit=10&page=3']);
  const e = await rejection((async () => {
    for await (const item of api.paginate('templates_list')) assert.fail(String(item));
  })());
  assert.equal(e.code, 'invalid_argument');
});

test('send: every operation of the table reaches its route on the stub', async () => {
  await reset();
  // Each answer's JSON type is its success schema's (api/responses.json);
  // tests/stub/check_answers.py validates the answers in full.
  const answers = JSON.parse(readFileSync(join(here, '..', '..', 'api', 'responses.json'), 'utf8')).responses;
  // Routing is the point here, so a 429 is retried as the policy says: on a
  // loaded machine a stalled event loop can bunch requests the limiter spaced
  // out (the limiter itself is tested against the stub's count of arrivals).
  const client = stubApi({ retry: { maxAttempts: 4 } });
  const seen = new Set();
  for (const c of cases('calls.json')) {
    if (c.expect.error || c.config.oauth_token) continue;
    const req = client.call(c.operation, c.params);
    const path = new URL(req.url).pathname;
    const stateful = ['webhooks/', 'webhooks/hmac_key/', 'contracts/', 'counter_parties/'].some((p) => path === `/api/v2.1/public/${p}`)
      || /^\/api\/v2\.1\/public\/(webhooks\/\d+|contracts\/[HT0-9-]+\/status|counter_parties\/\d+)$/.test(path);
    try {
      const answer = await client.send(req);
      const { schema } = answers[c.operation];
      const expected = schema === null ? 'null' : { object: 'object', array: 'array', string: 'string' }[schema.type];
      const got = answer === null ? 'null' : Array.isArray(answer) ? 'array' : typeof answer;
      assert.equal(got, expected, c.name);
    } catch (e) {
      // Routes the stub keeps state for may not know the sample id.
      assert.ok(stateful && e.status === 404, `${c.name}: ${e.message}`);
    }
    seen.add(c.operation);
  }
  assert.deepEqual([...seen].sort(), Object.keys(answers).sort());
});

test('send: a 503 is retried, then succeeds', async () => {
  await reset();
  await fault('webhooks/hmac_key/', { status: 503, times: 2 });
  const api = stubApi();
  const answer = await api.send(api.webhooksHmacKeyGet());
  assert.ok(answer.hmac_key);
  assert.equal((await calls('webhooks/hmac_key/')).length, 3);
});

test('send: retries stop at maxAttempts with the last api_error', async () => {
  await reset();
  await fault('webhooks/hmac_key/', { status: 500, times: 5 });
  const api = stubApi({ retry: { maxAttempts: 3, baseMs: 1, capMs: 5 } });
  const e = await rejection(api.send(api.webhooksHmacKeyGet()));
  assert.equal(e.status, 500);
  assert.equal(e.retryable, true);
  assert.equal(e.attempts, 3);
  assert.equal((await calls('webhooks/hmac_key/')).length, 3);
});

test('send: a redirect (302) is never followed and names the cause', async () => {
  await reset();
  const api = stubApi();
  const e = await rejection(api.send(api.request('DELETE', 'v2.1/public/webhooks/5/')));
  assert.equal(e.code, 'api_error');
  assert.equal(e.status, 302);
  assert.equal(e.retryable, false);
  assert.match(e.message, /trailing slash/);
  assert.deepEqual((await control('calls')).map((c) => c.path), ['/api/v2.1/public/webhooks/5/']);
});

test('send: a timed-out GET is retried; a timed-out POST is not', async () => {
  await reset();
  await fault('webhooks/hmac_key/', { delay_ms: 1500, times: 1 });
  const api = stubApi();
  const answer = await api.send(api.webhooksHmacKeyGet(), { timeoutMs: 300 });
  assert.ok(answer.hmac_key);
  assert.equal((await calls('webhooks/hmac_key/')).length, 2);

  await fault('webhooks/', { delay_ms: 1500, times: 1 });
  const e = await rejection(api.send(api.webhooksCreate({ body: { title: 't', url: 'https://hooks.example.com/x', only_for_activities: ['CONTRACT_SIGNED'] } }), { timeoutMs: 300 }));
  assert.equal(e.code, 'api_error');
  assert.equal(e.status, 0);
  assert.equal(e.retryable, false);
  assert.match(e.message, /timed out/);
  assert.equal((await calls('webhooks/')).length, 1);
  assertNoSecret(e, STUB_SECRET, 'timeout');
});

test('send: a refused connection is a retryable transport error', async () => {
  const api = new Api({ baseUrl: 'http://127.0.0.1:9/api/', clientId: 'c', clientSecret: 'refused-s3cret' },
    { retry: { maxAttempts: 2, baseMs: 1, capMs: 2 } });
  const e = await rejection(api.send(api.webhooksHmacKeyGet()));
  assert.equal(e.code, 'api_error');
  assert.equal(e.status, 0);
  assert.equal(e.retryable, true);
  assert.equal(e.attempts, 2);
  assertNoSecret(e, 'refused-s3cret', 'refused');
});

test('send: a burst of 50 calls stays under 10 per second, no 429 reaches the caller', async () => {
  await reset();
  const api = stubApi();
  const starts = [];
  const timed = (url, init) => {
    starts.push(performance.now());
    return fetch(url, init);
  };
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api.send(api.counterPartiesRetrieveById({ counterparty_id: String((i % 5) + 1) }), { fetch: timed })));
  assert.equal(results.length, 50);
  for (const r of results) assert.ok(r.id >= 1 && r.id <= 5);
  // The limiter's promise, seen on the sending side: 11 requests never start
  // within one window. Slots are reserved when a call begins and fetch starts
  // a moment later, so the first ten may start a little late: the bound
  // leaves 100 ms for that (a lower bound, which a slow machine only makes
  // easier to meet).
  starts.sort((a, b) => a - b);
  for (let i = 10; i < starts.length; i += 1) {
    assert.ok(starts[i] - starts[i - 10] >= 900, `11 requests within ${starts[i] - starts[i - 10]} ms`);
  }
  assert.ok(starts[49] - starts[0] >= 3900, 'the burst took less than four windows');
});

test('send: the caller\'s AbortSignal stops waits and requests', async () => {
  await reset();
  await fault('webhooks/hmac_key/', { delay_ms: 1000, times: 1 });
  const api = stubApi();
  const controller = new AbortController();
  const pending = api.send(api.webhooksHmacKeyGet(), { signal: controller.signal });
  setTimeout(() => controller.abort(new Error('caller gave up')), 50);
  const e = await rejection(pending);
  assert.equal(e.message, 'caller gave up');
  // An already-aborted signal sends nothing. (Another path: on a loaded
  // machine the aborted request above may reach the stub late.)
  const done = await rejection(api.send(api.contractsStatusRetrieve({ composite_id: 'T-1' }),
    { signal: AbortSignal.abort(new Error('too late')) }));
  assert.equal(done.message, 'too late');
  assert.deepEqual(await calls('contracts/T-1/status'), []);
});

test('send: invalid options are invalid_argument', async () => {
  const api = stubApi();
  for (const options of [{ fetch: 'nope' }, { timeoutMs: 0 }, { timeoutMs: -1 }]) {
    const e = await rejection(api.send(api.webhooksHmacKeyGet(), options));
    assert.equal(e.code, 'invalid_argument');
  }
});
