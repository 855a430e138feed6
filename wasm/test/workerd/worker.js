// A module worker run inside workerd (Cloudflare's runtime) by
// ../workerd.test.mjs. It imports the package's workerd entry exactly as a
// deployed Worker does (the .wasm arrives as a compiled module) and offers:
//   POST /conformance  the vector files as JSON -> a report of every case
//   POST /webhook      a receiver: verify, parse, dedupe (in memory), answer
//   POST /api-tables   the API golden tables as JSON -> a report
import {
  Verifier, SpotDraftKitError, parseEvent, sign, diagnose, bodySha256,
  SIGNATURE_HEADER, ERROR_CODES, Api, RetryPolicy, RateLimiter, parseResponse,
} from '../../dist/workerd.js';

// --- conformance vectors ----------------------------------------------------

function base64ToBytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

const bodyOf = (c) => (c.body_b64 !== undefined ? base64ToBytes(c.body_b64) : new TextEncoder().encode(c.body ?? ''));
const keysOf = (c) => (c.keys ?? []).map((k) => ({ key: k.key, encoding: k.encoding, ...(k.id !== undefined ? { id: k.id } : {}) }));
const verifierOf = (c) => new Verifier(keysOf(c), {
  ...(c.options?.max_body_bytes !== undefined ? { maxBodyBytes: c.options.max_body_bytes } : {}),
  ...(c.options?.allow_short_keys !== undefined ? { allowShortKeys: c.options.allow_short_keys } : {}),
});
const camel = (s) => s.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());
const camelize = (v) => {
  if (Array.isArray(v)) return v.map(camelize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelize(x)]));
  return v;
};

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b) || (a && b && typeof a === 'object' && typeof b === 'object'
    && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => same(a[k], b[k])));
}

function check(cond, what) {
  if (!cond) throw new Error(what);
}

function expectError(c, fn) {
  try {
    fn();
  } catch (e) {
    check(e instanceof SpotDraftKitError && e instanceof Error, `not a SpotDraftKitError: ${e}`);
    check(e.code === c.expect.error, `code ${e.code} != ${c.expect.error}`);
    check(e.httpStatus === c.expect.http_status, `httpStatus ${e.httpStatus}`);
    check(ERROR_CODES.includes(e.code), 'code not in ERROR_CODES');
    return e;
  }
  throw new Error(`expected ${c.expect.error}, got success`);
}

function checkEvent(event, expected) {
  for (const [field, want] of Object.entries(camelize(expected))) {
    check(same(event[field], want), `event.${field}: ${JSON.stringify(event[field])} != ${JSON.stringify(want)}`);
  }
  check(event.payload.activity === event.activity, 'payload.activity');
}

function headerShapes(pairs) {
  const shapes = [pairs];
  const names = pairs.map(([n]) => n.toLowerCase());
  if (new Set(names).size === names.length) {
    shapes.push(Object.fromEntries(pairs.map(([n, v]) => [n.toLowerCase(), v])), new Map(pairs), new Headers(pairs));
  }
  return shapes;
}

function runCase(c) {
  const body = bodyOf(c);
  const e = c.expect;
  switch (c.op) {
    case 'new_verifier':
      if (e.error) expectError(c, () => verifierOf(c));
      else check(verifierOf(c).size === e.key_count, 'key_count');
      break;
    case 'sign':
      check(sign(keysOf(c)[0], body) === e.signature, 'signature');
      break;
    case 'body_sha256':
      check(bodySha256(body) === e.body_sha256, 'body_sha256');
      break;
    case 'verify': {
      const v = verifierOf(c);
      if (e.error) {
        expectError(c, () => v.verify(body, c.signature));
        check(v.isValid(body, c.signature) === false, 'isValid');
      } else {
        check(v.verify(body, c.signature) === e.key_index, 'key_index');
        check(v.isValid(body, c.signature) === true, 'isValid');
      }
      break;
    }
    case 'parse_event':
      if (e.error) expectError(c, () => parseEvent(body));
      else checkEvent(parseEvent(body), e.event);
      break;
    case 'open': {
      const v = verifierOf(c);
      for (const headers of headerShapes(c.headers ?? [])) {
        if (e.error) {
          const err = expectError(c, () => v.open(headers, body));
          check(err.logRecord && err.logRecord.reason === e.error, 'logRecord.reason');
          continue;
        }
        const d = v.open(headers, body);
        check(d.keyIndex === e.key_index, 'keyIndex');
        check(d.keyId === e.key_id, 'keyId');
        check(d.signatureHeader === e.signature_header, 'signatureHeader');
        check(d.bodySha256 === e.body_sha256, 'bodySha256');
        check(d.bodyLength === e.body_length, 'bodyLength');
        check(d.dedupeKey === e.dedupe_key, 'dedupeKey');
        if (e.event) checkEvent(d.event, e.event);
        const record = d.logRecord();
        for (const [field, want] of Object.entries(e.log_record)) check(same(record[field], want), `logRecord.${field}`);
      }
      break;
    }
    case 'diagnose': {
      const d = diagnose(body, c.signature, keysOf(c));
      check(d.cause === e.cause, `cause ${d.cause} != ${e.cause}`);
      check(d.keyIndex === e.key_index, 'keyIndex');
      break;
    }
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

function runVectors(files) {
  const report = { passed: 0, failed: [] };
  for (const [file, doc] of Object.entries(files)) {
    for (const c of doc.cases) {
      try {
        runCase(c);
        report.passed += 1;
      } catch (err) {
        report.failed.push(`${file}/${c.name}: ${err.message}`);
      }
    }
  }
  return report;
}

// --- receiver -------------------------------------------------------------------

let verifier;
const seen = new Set();

async function receive(request, env) {
  verifier ??= new Verifier(env.SPOTDRAFT_HMAC_KEY, { maxBodyBytes: Number(env.MAX_BODY_BYTES) });
  const body = await request.arrayBuffer();
  let delivery;
  try {
    delivery = verifier.open(request.headers, body);
  } catch (err) {
    if (!(err instanceof SpotDraftKitError)) throw err;
    return Response.json({ error: err.code, log: err.logRecord }, { status: err.httpStatus });
  }
  const duplicate = seen.has(delivery.dedupeKey);
  seen.add(delivery.dedupeKey);
  return Response.json({
    duplicate,
    dedupeKey: delivery.dedupeKey,
    activity: delivery.event.activity,
    contractId: delivery.event.contractId,
    log: delivery.logRecord(),
  }, { status: duplicate ? 200 : 202 });
}

// --- API golden tables (tests/vectors/api) --------------------------------------

const retryAfterOf = (r) => (r === null || r === undefined ? null
  : 'delay_ms' in r ? { delayMs: r.delay_ms } : { atUnixMs: r.at_unix_ms });

function runApiCase(file, c) {
  const e = c.expect;
  const attempt = (fn) => {
    try {
      return { value: fn() };
    } catch (err) {
      check(err instanceof SpotDraftKitError, `not a SpotDraftKitError: ${err}`);
      check(err.code === e.error, `code ${err.code} != ${e.error}`);
      return { error: err };
    }
  };
  if (file === 'requests.json' || file === 'config.json') {
    const cfg = c.config;
    const config = { region: cfg.region, baseUrl: cfg.base_url, clientId: cfg.client_id, clientSecret: cfg.client_secret,
      environment: cfg.environment, userEmail: cfg.user_email };
    if (file === 'config.json') {
      const r = attempt(() => new Api(config));
      check(e.ok ? r.error === undefined : r.error !== undefined, 'config outcome');
      return;
    }
    const api = new Api(config);
    // requests.json's typed builders are core's Rust ones; JS has `request`.
    check(c.call === 'request', `${c.call} is not a JS method`);
    const r = attempt(() => api.request(...c.args));
    if (e.error) return check(r.error !== undefined, 'expected an error');
    check(r.error === undefined, `unexpected ${r.error}`);
    const req = r.value;
    check(req.method === e.method && req.url === e.url, `request ${req.method} ${req.url}`);
    for (const [k, v] of Object.entries(e.headers)) check(req.headers[k] === v, `header ${k}`);
    check(same(req.body === null ? null : JSON.parse(req.body), e.body), 'body');
  } else if (file === 'calls.json') {
    const cfg = c.config;
    const api = new Api(cfg.oauth_token
      ? { region: cfg.region, environment: cfg.environment, oauthToken: cfg.oauth_token }
      : { region: cfg.region, baseUrl: cfg.base_url, clientId: cfg.client_id, clientSecret: cfg.client_secret,
        environment: cfg.environment, userEmail: cfg.user_email });
    const r = attempt(() => api.call(c.operation, c.params));
    if (e.error) return check(r.error !== undefined && r.error.message.includes(e.message_contains), 'expected the error');
    check(r.error === undefined, `unexpected ${r.error}`);
    const req = r.value;
    // The operation's own method is the same call.
    check(same(api[camel(c.operation)](c.params), req), `Api#${camel(c.operation)}`);
    check(req.method === e.method && req.url === e.url, `request ${req.method} ${req.url}`);
    for (const [k, v] of Object.entries(e.headers)) check(req.headers[k] === v, `header ${k}`);
    check(same(req.body === null ? null : JSON.parse(req.body), e.body), 'body');
  } else if (file === 'responses.json') {
    const r = attempt(() => parseResponse(c.status, c.headers, c.body));
    if (!e.error) return check(r.error === undefined && same(r.value, e.json), 'json');
    check(r.error !== undefined, 'expected an error');
    if (e.error === 'api_error') check(r.error.status === e.status && r.error.retryable === e.retryable, 'status/retryable');
  } else if (c.op === 'retry_delay') {
    const p = new RetryPolicy({ maxAttempts: c.policy.max_attempts, baseMs: c.policy.base_ms, capMs: c.policy.cap_ms });
    check(p.nextDelayMs(c.attempt, { retryable: c.retryable, retryAfter: retryAfterOf(c.retry_after) }, c.random, c.now_ms) === e.delay_ms, 'delay');
  } else {
    const limiter = new RateLimiter({ maxRequests: c.max_requests, windowMs: c.window_ms });
    check(same(c.calls.map((now) => limiter.acquire(now)), e.waits), 'waits');
  }
  return undefined;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/conformance') {
      return Response.json(runVectors(await request.json()));
    }
    if (request.method === 'POST' && url.pathname === '/webhook') return receive(request, env);
    if (request.method === 'POST' && url.pathname === '/api-tables') {
      const files = await request.json();
      const failed = [];
      let passed = 0;
      for (const [file, doc] of Object.entries(files)) {
        for (const c of doc.cases) {
          try {
            runApiCase(file, c);
            passed += 1;
          } catch (err) {
            failed.push(`${file} ${c.name}: ${err.message}`);
          }
        }
      }
      return Response.json({ passed, failed });
    }
    if (url.pathname === '/info') {
      return Response.json({ header: SIGNATURE_HEADER, codes: ERROR_CODES.length, hasBuffer: typeof globalThis.Buffer !== 'undefined' });
    }
    return new Response('not found', { status: 404 });
  },
};
