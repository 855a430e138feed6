'use strict';
// SpotDraft's integration playbook in spotdraft-kit's JS packages, shared by
// @spotdraft-kit/node and @spotdraft-kit/wasm (each package's build copies
// or bundles this one file): the sanitiser, escalation bundles, reconcile
// sweeps, the webhook registry's rules and rotation, with the same names as
// the Python package in JS style.
//
// Every rule is the Rust core's, which plans sans-I/O: a sweep hands out
// `{operation, params}` calls for `Api#call` and `Api#send`, and the
// integration carries them out. This file only converts values (JSON text
// across the native boundary). It uses no Node globals.
//
// `createPlaybook(binding)` takes the package's native module and the
// front's helpers:
//   native             RawSanitizer, RawReconcile, RawRotation classes;
//                      playbookDeliveryBundle, playbookCheckedDeliveryBundle,
//                      playbookApiBundle, playbookRecordFromCreated,
//                      playbookPlanCreate, playbookPlanDelete,
//                      playbookSharedUrls, playbookConstants functions
//   invalid(message)   an `invalid_argument` SpotDraftKitError
//   reading(what, fn)  runs fn over a caller's value (its exceptions become
//                      `invalid_argument`)
//   bytesOf(v, what)   a body as a Uint8Array
//   nativeVerifierOf(v) the native verifier of a public Verifier, or undefined
//   headerPairs(h)     any header shape as [name, value, ...] (the API client's)
//   json(value, what)  a caller's value as JSON text (the API client's)

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function createPlaybook(binding) {
  const { native, invalid, reading, bytesOf, nativeVerifierOf, headerPairs, json } = binding;
  const encoder = new TextEncoder();
  const constants = Object.freeze(JSON.parse(native.playbookConstants()));

  const optionsOf = (options, what) => {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object') throw invalid(`${what} must be an object, got ${kind(options)}`);
    return options;
  };
  const frozenCall = (call) => Object.freeze({ operation: call.operation, params: call.params });
  const callOf = (text) => (text === null || text === undefined ? null : frozenCall(JSON.parse(text)));

  /** Replaces personal data and secrets with stable placeholders; lists what it replaced. */
  class Sanitizer {
    #raw = new native.RawSanitizer();

    /** A sanitised copy of `value` (JSON data), which sits at JSON Pointer `path` in the output. */
    sanitize(value, path = '') {
      if (typeof path !== 'string') throw invalid(`path must be a string, got ${kind(path)}`);
      return JSON.parse(this.#raw.sanitize(path, json(value, 'value')));
    }

    /** Replaces one text value of `kind` (name, email, title, url, secret, text) at `path`; its placeholder. */
    redact(path, kindName, value) {
      for (const [name, v] of [['path', path], ['kind', kindName], ['value', value]]) {
        if (typeof v !== 'string') throw invalid(`${name} must be a string, got ${kind(v)}`);
      }
      return this.#raw.redact(path, kindName, value);
    }

    /** What was replaced so far: `{path, kind, placeholder}` (never the values). */
    get redactions() {
      return JSON.parse(this.#raw.redactions());
    }

    [INSPECT]() {
      return `Sanitizer { redactions: ${this.redactions.length} }`;
    }
  }

  // The escalation context: environment, region, integrationId, occurredAt, status.
  function contextOf(options) {
    const o = optionsOf(options, 'options');
    return json(reading('options', () => ({
      environment: o.environment, region: o.region, integrationId: o.integrationId,
      occurredAt: o.occurredAt, status: o.status,
    })), 'options');
  }

  /**
   * The escalation bundle of a webhook delivery: raw body, headers, the
   * receiver's log records and, with `options.verifier`, the signature
   * check re-run with it.
   */
  function deliveryBundle(body, headers, logRecords, options) {
    const pairs = headerPairs(headers);
    if (logRecords !== undefined && logRecords !== null && !Array.isArray(logRecords)) {
      throw invalid(`logRecords must be an array of objects, got ${kind(logRecords)}`);
    }
    const records = json(logRecords ?? [], 'logRecords');
    const verifier = reading('options', () => optionsOf(options, 'options').verifier);
    const context = contextOf(options);
    // Last, so no caller code runs between reading the body and using it.
    const bytes = bytesOf(body, 'body');
    if (verifier === undefined || verifier === null) {
      return JSON.parse(native.playbookDeliveryBundle(bytes, pairs, records, context));
    }
    const raw = nativeVerifierOf(verifier);
    if (raw === undefined) throw invalid(`options.verifier must be a Verifier, got ${kind(verifier)}`);
    return JSON.parse(native.playbookCheckedDeliveryBundle(raw, bytes, pairs, records, context));
  }

  /** The escalation bundle of an API call from its log record and, if kept, the request and response bodies. */
  function apiBundle(record, requestBody, responseBody, options) {
    const optional = (value, what) => (value === undefined || value === null ? null : json(value, what));
    return JSON.parse(native.playbookApiBundle(json(record, 'record'), optional(requestBody, 'requestBody'),
      optional(responseBody, 'responseBody'), contextOf(options)));
  }

  // `seen`: a Map or object of contract id -> ISO-8601 timestamp, or [id, timestamp] pairs.
  function seenOf(seen) {
    if (seen === null || typeof seen !== 'object') {
      throw invalid(`seen must map contract ids to ISO-8601 timestamps, got ${kind(seen)}`);
    }
    return json(reading('seen', () => {
      const entries = typeof seen[Symbol.iterator] === 'function' ? [...seen] : Object.entries(seen);
      return entries.map((pair) => {
        if (!Array.isArray(pair) || pair.length !== 2) throw invalid('seen pairs must be [contractId, timestamp] arrays');
        const [id, at] = pair;
        return [typeof id === 'string' && /^[0-9]+$/.test(id) ? Number(id) : id, at];
      });
    }), 'seen');
  }

  const deliveryOf = (d) => Object.freeze({
    contractId: d.contractId, status: d.status, body: encoder.encode(d.body),
    dedupeKey: d.dedupeKey, bodySha256: d.bodySha256,
  });

  /** One reconcile sweep: `firstCall()`, then `consumePage(page)` with each answer until it returns null, then `finish()`. */
  class Reconcile {
    #raw;

    constructor(checkpoint, asOf, seen, mode = 'synthetic') {
      for (const [name, v] of [['checkpoint', checkpoint], ['asOf', asOf], ['mode', mode]]) {
        if (typeof v !== 'string') throw invalid(`${name} must be a string, got ${kind(v)}`);
      }
      this.#raw = new native.RawReconcile(checkpoint, asOf, seenOf(seen), mode);
    }

    /** The first listing call. */
    firstCall() {
      return callOf(this.#raw.firstCall());
    }

    /** Consumes one listing answer; the next call, or null when done. */
    consumePage(page) {
      return callOf(this.#raw.consumePage(json(page, 'page')));
    }

    /** Ends the sweep with its repairs (once). */
    finish() {
      const o = JSON.parse(this.#raw.finish());
      return Object.freeze({
        moved: o.moved, deliveries: Object.freeze(o.deliveries.map(deliveryOf)),
        reTrigger: Object.freeze(o.reTrigger.map(frozenCall)), unresolved: o.unresolved,
        pages: o.pages, complete: o.complete, nextCheckpoint: o.nextCheckpoint,
      });
    }

    [INSPECT]() {
      return 'Reconcile {}';
    }
  }

  const recordFields = ['id', 'title', 'url', 'activities', 'environment'];
  const pick = (value, what) => {
    if (value === null || typeof value !== 'object') throw invalid(`${what} must be an object, got ${kind(value)}`);
    return Object.fromEntries(recordFields.map((name) => [name, value[name]]));
  };
  const specOf = (spec) => json(reading('spec', () => pick(spec, 'spec')), 'spec');
  function registryOf(registry) {
    if (registry === null || typeof registry !== 'object' || typeof registry[Symbol.iterator] !== 'function') {
      throw invalid(`registry must be an array of webhook records, got ${kind(registry)}`);
    }
    return json(reading('registry', () => [...registry].map((r) => pick(r, 'a registry record'))), 'registry');
  }
  const recordOf = (r) => Object.freeze({ ...r, activities: Object.freeze(r.activities) });
  const text = (value, what) => {
    if (typeof value !== 'string') throw invalid(`${what} must be a string, got ${kind(value)}`);
    return value;
  };

  /** The record to persist from create's 201 response body. */
  function recordFromCreated(response, environment) {
    return recordOf(JSON.parse(native.playbookRecordFromCreated(json(response, 'response'), text(environment, 'environment'))));
  }

  /** The create call for `spec`; refused when incomplete or its URL is registered in another environment. */
  function planCreate(registry, spec) {
    return callOf(native.playbookPlanCreate(registryOf(registry), specOf(spec)));
  }

  /** The delete call for webhook `id`; an id the registry does not hold is refused unless `force`. */
  function planDelete(registry, id, force = false) {
    if (typeof force !== 'boolean') throw invalid(`force must be a boolean, got ${kind(force)}`);
    return callOf(native.playbookPlanDelete(registryOf(registry), text(id, 'id'), force));
  }

  /** Every URL held in more than one environment, with the environments. */
  function sharedUrls(registry) {
    return JSON.parse(native.playbookSharedUrls(registryOf(registry)));
  }

  /** A rotation: create the new webhook, wait for a delivery at it, delete the old one. */
  class Rotation {
    #raw;

    constructor(raw) {
      if (!(raw instanceof native.RawRotation)) throw invalid('use Rotation.start(registry, oldId, spec)');
      this.#raw = raw;
    }

    /** Starts rotating the registry's webhook `oldId` to `spec`. */
    static start(registry, oldId, spec) {
      return new Rotation(native.RawRotation.start(registryOf(registry), text(oldId, 'oldId'), specOf(spec)));
    }

    /** What to do now: `{name, call, webhookId, url, kept}`. */
    step() {
      const s = JSON.parse(this.#raw.step());
      return Object.freeze({ ...s, call: s.call && frozenCall(s.call), kept: s.kept && recordOf(s.kept) });
    }

    /** Reports create's 201 body; the record to persist. */
    created(response) {
      return recordOf(JSON.parse(this.#raw.created(json(response, 'response'))));
    }

    /** Reports a delivery at `url`; true when it is the new webhook's. */
    deliveryAt(url) {
      return this.#raw.deliveryAt(text(url, 'url'));
    }

    /** Gives up (the new webhook, if created, is deleted next). */
    giveUp() {
      this.#raw.giveUp();
    }

    /** Reports that the delete of webhook `id` succeeded. */
    deleted(id) {
      this.#raw.deleted(text(id, 'id'));
    }

    [INSPECT]() {
      return `Rotation { step: ${JSON.stringify(this.step().name)} }`;
    }
  }

  return {
    Sanitizer, deliveryBundle, apiBundle, Reconcile, recordFromCreated, planCreate, planDelete,
    sharedUrls, Rotation, ...constants,
  };
}

/**
 * The names the playbook adds to a package's exports, after front.js's
 * EXPORTS (in the order of spotdraft-kit.d.ts). Here, not in front.js, so
 * the verifier-only wasm entries, which bundle the front, carry none of it.
 */
const PLAYBOOK_EXPORTS = Object.freeze([
  'Sanitizer', 'deliveryBundle', 'apiBundle', 'Reconcile', 'recordFromCreated', 'planCreate',
  'planDelete', 'sharedUrls', 'Rotation', 'BUNDLE_FORMAT', 'CONTRACTS_LIST_OPERATION',
  'RE_TRIGGER_OPERATION', 'RECONCILE_PAGE_LIMIT', 'RE_TRIGGER_BATCH_SIZE', 'MAX_RECONCILE_PAGES',
  'RECONCILED_ACTIVITY', 'WEBHOOK_CREATE_OPERATION', 'WEBHOOK_DELETE_OPERATION',
]);

module.exports = { createPlaybook, PLAYBOOK_EXPORTS };
