// Starts the stub SpotDraft server (tests/stub/spotdraft_stub.py) on
// 127.0.0.1 for a JS suite and talks to its control endpoints.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

const stubPath = fileURLToPath(new URL('../stub/spotdraft_stub.py', import.meta.url));

/**
 * Starts the stub; resolves to `{base, control(path, body?, method?), stop()}`
 * once it listens. `control` returns the JSON of a 200 answer, else null.
 */
export async function startStub() {
  const child = spawn('python3', [stubPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\r?\n/);
      if (m) resolveUrl(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`stub exited with ${code}`)));
    child.on('error', reject);
  });
  // The stub reads no body on /__control/reset: sending one would leave it
  // on the kept-alive connection, so calls without a body send none.
  const control = async (path, body, method = body === undefined ? 'GET' : 'POST') => {
    const res = await fetch(`${base}/__control/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.status === 200 ? res.json() : null;
  };
  return { base, control, stop: () => child.kill() };
}

/**
 * The stub for one suite: started before its tests, stopped after them.
 * The handle's `base` and `control` are there once the tests run.
 */
export function useStub() {
  const handle = {};
  before(async () => Object.assign(handle, await startStub()));
  after(() => handle.stop?.());
  return handle;
}
