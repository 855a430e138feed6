'use strict';
// The SpotDraft API client of spotdraft-kit, shared by @spotdraft-kit/wasm
// and @spotdraft-kit/node (each package's build copies or bundles this one
// file, so the two cannot drift): the `Api`, `RetryPolicy` and `RateLimiter`
// classes, `parseResponse`, and `Api#send`, the executor.
//
// Every decision is the Rust core's: URLs, validation, response parsing,
// retryability, retry delays and rate-limit waits. This file converts
// values, performs the I/O (fetch) and sleeps. It uses no Node globals, so
// it runs in Node, workerd and browsers alike.
//
// `createApi(binding)` takes the package's raw binding:
//   RawApi, RawRetryPolicy, RawRateLimiter   classes (JSON text in and out)
//   apiOperations(), apiParseResponse(), apiTransportError(), apiRedact(),
//   apiLogRecord(), apiResponseLogRecord()    functions
//   lift(e)          turns whatever the binding threw into the error to throw
//   invalid(message) an `invalid_argument` SpotDraftKitError
//   isKitError(e)    `e instanceof SpotDraftKitError`

// Internal handles between the classes below (not part of the API).
const START = Symbol('execution');
const NEXT = Symbol('next step');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
// Connection failures that happen before a request is written: always safe
// to retry, even for POST.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT']);

/** Adds the `api_error` fields (from the binding's JSON) to an error. */
function attachApiFields(error, api) {
  if (api === null || api === undefined) return error;
  const fields = typeof api === 'string' ? JSON.parse(api) : api;
  for (const name of ['status', 'retryable', 'detail', 'apiCode', 'apiMessage', 'fieldErrors', 'retryAfter', 'retryAfterMs']) {
    Object.defineProperty(error, name, { value: fields[name] ?? null, enumerable: true, configurable: true });
  }
  return error;
}

const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function createApi(binding) {
  const { lift, invalid } = binding;
  const wrap = (fn) => {
    try {
      return fn();
    } catch (e) {
      throw lift(e);
    }
  };
  const encoder = new TextEncoder();
  // Reads a caller's value; an exception the value itself throws (a Proxy
  // trap, a getter) becomes `invalid_argument` with it as `cause`, as the
  // Verifier does.
  const reading = (what, read) => {
    try {
      return read();
    } catch (e) {
      if (binding.isKitError(e)) throw e;
      const error = invalid(`reading the ${what} threw an exception (see \`cause\`)`);
      Object.defineProperty(error, 'cause', { value: e, configurable: true });
      throw error;
    }
  };

  function json(value, what) {
    let text;
    try {
      text = JSON.stringify(value === undefined ? null : value);
    } catch (e) {
      const error = invalid(`${what} cannot be converted to JSON`);
      Object.defineProperty(error, 'cause', { value: e, configurable: true });
      throw error;
    }
    // A function or a symbol has no JSON text at all.
    if (text === undefined) throw invalid(`${what} cannot be converted to JSON, got ${kind(value)}`);
    return text;
  }

  function bytes(body) {
    if (body === undefined || body === null) return new Uint8Array(0);
    if (typeof body === 'string') return encoder.encode(body);
    if (body instanceof Uint8Array) return body;
    if (body instanceof ArrayBuffer) return new Uint8Array(body);
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    throw invalid(`the response body must be a string, Uint8Array or ArrayBuffer, got ${kind(body)}`);
  }

  // Any header shape -> [name, value, name, value, ...].
  function headerPairs(headers) {
    return reading('headers', () => readHeaderPairs(headers));
  }

  function readHeaderPairs(headers) {
    const out = [];
    const push = (name, value) => {
      if (value === undefined || value === null) return;
      if (Array.isArray(value)) {
        for (const v of value) push(name, v);
        return;
      }
      out.push(String(name), String(value));
    };
    if (headers === undefined || headers === null) return out;
    if (typeof headers !== 'object') throw invalid(`headers must be a Headers, Map, object or [name, value] pairs, got ${kind(headers)}`);
    if (typeof headers[Symbol.iterator] === 'function') {
      for (const entry of headers) {
        if (entry === null || typeof entry !== 'object' || entry.length !== 2) throw invalid('header pairs must be [name, value] arrays');
        push(entry[0], entry[1]);
      }
    } else {
      for (const name of Object.keys(headers)) push(name, headers[name]);
    }
    return out;
  }

  // A request as the binding reads it back (JSON text).
  function requestText(request) {
    return reading('request', () => readRequestText(request));
  }

  function readRequestText(request) {
    if (request === null || typeof request !== 'object' || typeof request.url !== 'string') {
      throw invalid(`request must be an HttpRequest built by Api, got ${kind(request)}`);
    }
    return json({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body ?? null,
      operation: request.operation,
      environment: request.environment,
    }, 'request');
  }

  // A plain HttpRequest; util.inspect shows it redacted (no client-secret).
  function requestOf(text) {
    const request = JSON.parse(text);
    Object.defineProperty(request, INSPECT, {
      value() {
        const shown = JSON.parse(binding.apiRedact(text));
        return `HttpRequest ${JSON.stringify(shown, null, 2)}`;
      },
      enumerable: false,
    });
    return request;
  }

  const monotonicNow = () => (typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? performance.now()
    : Date.now());

  // Sleeps until `ms` have passed on the monotonic clock (a timer may fire a
  // little early); rejects with the signal's reason when it aborts.
  function sleep(ms, signal) {
    if (!(ms > 0)) return Promise.resolve();
    const until = monotonicNow() + ms;
    return new Promise((resolve, reject) => {
      let timer;
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const tick = () => {
        const left = until - monotonicNow();
        if (left > 0) {
          timer = setTimeout(tick, Math.ceil(left));
          return;
        }
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal) {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        signal.addEventListener('abort', onAbort, { once: true });
      }
      timer = setTimeout(tick, Math.ceil(ms));
    });
  }

  function describe(e) {
    const code = e?.cause?.code ?? e?.code;
    const text = `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`.slice(0, 200);
    return code ? `${text} (${code})` : text;
  }

  function transportError(text, what, maybeSent, cause) {
    const error = lift(binding.apiTransportError(text, what, maybeSent));
    if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true });
    return error;
  }

  // One attempt: fetch with a timeout, read the whole body.
  async function attempt(fetchImpl, request, text, timeoutMs, signal) {
    if (signal?.aborted) throw signal.reason;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? undefined,
        redirect: 'manual',
        signal: controller.signal,
      });
      const body = new Uint8Array(await response.arrayBuffer());
      const headers = [];
      // Converted here, inside the try: a custom fetch may answer with
      // anything, and what cannot be read is no response (api_error), not
      // a conversion failure of the binding.
      response.headers.forEach((value, name) => headers.push(String(name), String(value)));
      // Browsers hide a manual redirect as an opaque response (status 0).
      const status = response.type === 'opaqueredirect' ? 302 : Number(response.status);
      return { status, headers, body };
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw transportError(text, `timed out after ${timeoutMs} ms`, true);
      const code = e?.cause?.code ?? e?.code;
      throw transportError(text, describe(e), !NOT_SENT.has(code), e);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Core's bounded exponential backoff with full jitter. */
  class RetryPolicy {
    #raw;

    constructor(options) {
      if (options !== undefined && options !== null && typeof options !== 'object') {
        throw invalid(`retry options must be an object, got ${kind(options)}`);
      }
      this.#raw = wrap(() => new binding.RawRetryPolicy(json(options ?? null, 'retry options')));
      const info = JSON.parse(this.#raw.info());
      this.maxAttempts = info.maxAttempts;
      this.baseMs = info.baseMs;
      this.capMs = info.capMs;
      Object.freeze(this);
    }

    // Core's executor state machine for one call under this policy.
    [START](rawApi, timeoutMs) {
      return wrap(() => rawApi.execution(this.#raw, timeoutMs ?? null));
    }

    /** The delay before attempt `attempt + 1`, or null to stop. */
    nextDelayMs(attempt, error, random, nowMs) {
      if (error === null || typeof error !== 'object') throw invalid(`error must be a SpotDraftKitError or {retryable, retryAfter?}, got ${kind(error)}`);
      const info = json({ retryable: error.retryable === true, retryAfter: error.retryAfter ?? null }, 'error');
      const delay = wrap(() => this.#raw.nextDelayMs(Number(attempt), info, Number(random), Number(nowMs)));
      return delay ?? null;
    }
  }

  /** Core's sliding-window rate limiter (default 10 requests per second). */
  class RateLimiter {
    #raw;

    constructor(options) {
      if (options !== undefined && options !== null && typeof options !== 'object') {
        throw invalid(`rate limit options must be an object, got ${kind(options)}`);
      }
      this.#raw = wrap(() => new binding.RawRateLimiter(json(options ?? null, 'rate limit options')));
    }

    /** Reserves the next slot; how long to wait (ms) before sending. */
    acquire(nowMs) {
      return wrap(() => this.#raw.acquire(Number(nowMs)));
    }

    // The execution's next step, with this limiter's slots.
    [NEXT](run, nowMs) {
      return JSON.parse(wrap(() => run.next(this.#raw, nowMs)));
    }
  }

  const state = new WeakMap();
  const stateOf = (api) => {
    const s = state.get(api);
    if (!s) throw invalid('not an Api instance');
    return s;
  };

  /** Builds, sends and interprets SpotDraft API requests for one workspace. */
  class Api {
    constructor(config, options) {
      if (config === null || typeof config !== 'object') throw invalid(`config must be an object, got ${kind(config)}`);
      const raw = reading('config', () => config instanceof binding.RawApi)
        ? config
        : wrap(() => new binding.RawApi(json(config, 'config')));
      init(this, raw, options);
    }

    /** Reads SPOTDRAFT_REGION or SPOTDRAFT_BASE_URL, SPOTDRAFT_CLIENT_ID, ... from `env`. */
    static fromEnv(env, options) {
      if (env === null || typeof env !== 'object') throw invalid(`env must be an object, got ${kind(env)}`);
      const strings = {};
      reading('env', () => {
        for (const name of Object.keys(env)) if (typeof env[name] === 'string') strings[name] = env[name];
      });
      return new Api(wrap(() => binding.RawApi.fromEnv(JSON.stringify(strings))), options);
    }

    /** Any operation of core's table by name, its parameters checked against SpotDraft's schema. */
    call(operation, params) {
      const { raw } = stateOf(this);
      const text = json(params ?? null, 'params');
      if (typeof operation !== 'string') throw invalid(`operation must be a string, got ${kind(operation)}`);
      return requestOf(wrap(() => raw.call(operation, text)));
    }

    /** Any other endpoint: a checked path relative to the base URL, query pairs, an optional JSON body. */
    request(method, path, query, body) {
      const { raw } = stateOf(this);
      const text = json([method, path, query ?? null, body ?? null], 'arguments');
      return requestOf(wrap(() => raw.request(text)));
    }

    /** Core's response parsing for `request`: the JSON, or throws `api_error`. */
    parseResponse(request, status, headers, body) {
      stateOf(this);
      const text = requestText(request);
      return JSON.parse(wrap(() => binding.apiParseResponse(text, Number(status), headerPairs(headers), bytes(body), Date.now())));
    }

    /**
     * Sends `request`: rate limit, per-attempt timeout, retries; resolves to
     * the JSON. Core's executor state machine decides every wait, attempt
     * and retry; this loop sleeps and fetches as it says.
     */
    async send(request, options = {}) {
      const s = stateOf(this);
      if (options === null || typeof options !== 'object') throw invalid(`send options must be an object, got ${kind(options)}`);
      const { fetch: fetchImpl = globalThis.fetch, timeoutMs, signal } = reading('send options', () => {
        const { fetch: f, timeoutMs: t, signal: sig } = options;
        return { fetch: f, timeoutMs: t, signal: sig };
      });
      if (typeof fetchImpl !== 'function') throw invalid('options.fetch must be a function (no global fetch here)');
      if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
        throw invalid('options.timeoutMs must be a positive number');
      }
      const text = requestText(request);
      const run = s.policy[START](s.raw, timeoutMs === undefined ? null : Math.ceil(timeoutMs));
      for (;;) {
        const step = s.limiter[NEXT](run, Math.floor(monotonicNow()));
        if (step.wait !== undefined) {
          await sleep(step.wait, signal);
          continue;
        }
        let error;
        try {
          const { status, headers, body } = await attempt(fetchImpl, request, text, step.timeoutMs, signal);
          const answer = JSON.parse(wrap(() => binding.apiParseResponse(text, status, headers, body, Date.now())));
          run.succeeded();
          return answer;
        } catch (e) {
          if (!binding.isKitError(e) || e.code !== 'api_error') throw e;
          error = e;
        }
        const facts = json({ retryable: error.retryable === true, status: error.status ?? 0, retryAfter: error.retryAfter ?? null }, 'error');
        const delay = wrap(() => run.failed(facts, Math.random(), Date.now()));
        if (delay === null || delay === undefined) {
          Object.defineProperty(error, 'attempts', { value: step.send, enumerable: true, configurable: true });
          throw error;
        }
        await sleep(delay, signal);
      }
    }

    /**
     * Every result of every page of a paginated operation, each page built
     * by `call` and sent by `send`; core decides when the walk ends.
     */
    async *paginate(operation, params, options) {
      const s = stateOf(this);
      let page = JSON.parse(wrap(() => s.raw.firstPage(String(operation), json(params ?? null, 'params'))));
      while (page !== null) {
        const answer = await this.send(this.call(operation, page), options);
        for (const item of answer?.results ?? []) yield item;
        const next = wrap(() => s.raw.nextPage(String(operation), JSON.stringify(page), JSON.stringify(answer)));
        page = next === null || next === undefined ? null : JSON.parse(next);
      }
    }

    /** A copy safe to log: secret headers and query values redacted, no body. */
    redact(request) {
      const text = requestText(request);
      return requestOf(wrap(() => binding.apiRedact(text)));
    }

    /** What to log about a request (method, host, path, environment, operation). */
    logRecord(request) {
      const text = requestText(request);
      return JSON.parse(wrap(() => binding.apiLogRecord(text)));
    }

    /** What to log about a completed call: the request's record plus status, retries and request id. */
    responseLogRecord(request, status, retries, headers) {
      const text = requestText(request);
      return JSON.parse(wrap(() => binding.apiResponseLogRecord(text, Number(status), Number(retries), headerPairs(headers))));
    }

    get [Symbol.toStringTag]() {
      return 'Api';
    }

    [INSPECT]() {
      const { info } = stateOf(this);
      return `Api { environment: ${JSON.stringify(info.environment)}, baseUrl: ${JSON.stringify(info.baseUrl)}, clientId: ${JSON.stringify(info.clientId)}, clientSecret: <redacted> }`;
    }
  }

  function init(api, raw, options) {
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw invalid(`options must be an object, got ${kind(options)}`);
    }
    const info = JSON.parse(raw.info());
    state.set(api, {
      raw,
      info,
      policy: new RetryPolicy(reading('options', () => options?.retry)),
      limiter: new RateLimiter(reading('options', () => options?.rateLimit)),
    });
    for (const name of ['region', 'baseUrl', 'environment', 'clientId', 'userEmail', 'secretFingerprint']) {
      Object.defineProperty(api, name, { value: info[name], enumerable: true });
    }
  }

  // One method per operation of core's table, camelCase, one line over
  // `call`: `api.someOperation(params)` is `api.call('some_operation', params)`.
  for (const name of binding.apiOperations()) {
    Object.defineProperty(Api.prototype, camel(name), {
      value: function operation(params) {
        return this.call(name, params);
      },
      writable: true,
      configurable: true,
    });
  }

  /** Core's response parsing without a request: the JSON, or throws `api_error`. */
  function parseResponse(status, headers, body) {
    return JSON.parse(wrap(() => binding.apiParseResponse(null, Number(status), headerPairs(headers), bytes(body), Date.now())));
  }

  // headerPairs and json: the input helpers the playbook shares (not public).
  return { Api, RetryPolicy, RateLimiter, parseResponse, headerPairs, json };
}

module.exports = { createApi, attachApiFields };
