// Verifier.fromEnv: SPOTDRAFT_HMAC_KEYS holding one key or `label:key,...`,
// parsed by core (as Python's Verifier.from_env); bad values are typed
// errors that never repeat the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Verifier, SpotDraftKitError, sign } from '@spotdraft-kit/node';

const NEW = 'bmV3LWtleS1ieXRlcy1mb3ItZnJvbS1lbnY=';
const OLD = 'b2xkLWtleS1ieXRlcy1mb3ItZnJvbS1lbnY=';
const BODY = '{"activity":"CONTRACT_SIGNED","contract_id":1}';

test('one key, or labelled keys for a rotation', () => {
  const one = Verifier.fromEnv({ SPOTDRAFT_HMAC_KEYS: NEW });
  assert.equal(one.size, 1);
  assert.equal(one.verify(BODY, sign(NEW, BODY)), 0);

  const ring = Verifier.fromEnv({ SPOTDRAFT_HMAC_KEYS: ` new:${NEW}, old:${OLD} `, OTHER: 'ignored' }, { maxBodyBytes: 100 });
  assert.equal(ring.size, 2);
  const delivery = ring.open({ 'x-sd-webhook-content-hash': sign(OLD, BODY) }, BODY);
  assert.equal(delivery.keyId, 'old');
  assert.throws(() => ring.checkBodyLength(101), { code: 'body_too_large' });
});

test('process.env itself works', () => {
  process.env.SPOTDRAFT_HMAC_KEYS = `prod:${NEW}`;
  try {
    assert.equal(Verifier.fromEnv(process.env).open({ 'x-sd-webhook-content-hash': sign(NEW, BODY) }, BODY).keyId, 'prod');
  } finally {
    delete process.env.SPOTDRAFT_HMAC_KEYS;
  }
});

test('missing, empty, undecodable or mistyped values are typed errors without the key', () => {
  const refused = (env, code) => assert.throws(() => Verifier.fromEnv(env), (err) => {
    assert.ok(err instanceof SpotDraftKitError, String(err));
    assert.equal(err.code, code);
    assert.ok(!err.message.includes('not*base64'));
    return true;
  });
  refused({}, 'no_keys');
  refused({ SPOTDRAFT_HMAC_KEYS: ' , ' }, 'no_keys');
  refused({ SPOTDRAFT_HMAC_KEYS: 'prod:not*base64' }, 'invalid_key');
  refused({ SPOTDRAFT_HMAC_KEYS: 42 }, 'invalid_argument');
  refused(null, 'invalid_argument');
  refused('SPOTDRAFT_HMAC_KEYS', 'invalid_argument');
});

test('a short base64 key is invalid_key unless allowShortKeys is given', () => {
  const short = 'c2VjcmV0'; // base64 of the 6 bytes "secret"
  for (const make of [() => new Verifier(short), () => Verifier.fromEnv({ SPOTDRAFT_HMAC_KEYS: `demo:${short}` })]) {
    assert.throws(make, (err) => err instanceof SpotDraftKitError && err.code === 'invalid_key' &&
      err.httpStatus === 500 && err.message.includes('decodes to 6 bytes') && !err.message.includes(short));
  }
  assert.equal(new Verifier(short, { allowShortKeys: true }).size, 1);
  assert.equal(Verifier.fromEnv({ SPOTDRAFT_HMAC_KEYS: `demo:${short}` }, { allowShortKeys: true }).size, 1);
  assert.throws(() => new Verifier(short, { allowShortKeys: 'yes' }), (err) => err.code === 'invalid_argument');
  assert.equal(new Verifier({ key: 'abc', encoding: 'utf8' }).size, 1); // legacy UTF-8 secrets are exempt
});
