// What the Node benches share: the benchmark key and the interleaved
// timing loop (batches of one contender at a time, the order reversed every
// other round so no contender always runs on a warmer cache, medians).

/** The benchmark's HMAC key, base64 (as a workspace's `hmac_key`). */
export const KEY_B64 = Buffer.from('benchmark-key-bytes-0123456789abcdef').toString('base64');

/** The middle value of `xs` (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** µs per call of `fn(headers, body)` over `n` calls; a result is required. */
export function timeBatch(fn, headers, body, n) {
  let sink;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) sink = fn(headers, body);
  const ns = Number(process.hrtime.bigint() - start);
  if (sink === undefined) throw new Error('no result');
  return ns / n / 1000;
}

/**
 * Median µs per call of each contender (`{ name: (headers, body) => result }`)
 * over `rounds` interleaved batches of `n` calls, after `warmup` calls of
 * each.
 */
export function interleaved(contenders, { headers, body, n, rounds, warmup }) {
  const names = Object.keys(contenders);
  for (const name of names) timeBatch(contenders[name], headers, body, warmup);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r += 1) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      samples[name].push(timeBatch(contenders[name], headers, body, n));
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
}
