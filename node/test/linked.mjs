// For the tests that run an example or quickstart as written: gives its
// directory a node_modules where each dependency of its package.json links
// to this package (@spotdraft-kit/node) or to the copy installed here, so
// the published names resolve without a registry or a packed tarball.
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** Links the dependencies of `dir/package.json` into `dir/node_modules`. */
export function linkDependencies(dir) {
  const { dependencies } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const name of Object.keys(dependencies)) {
    const link = join(dir, 'node_modules', name);
    rmSync(link, { recursive: true, force: true });
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(name === '@spotdraft-kit/node' ? pkg : join(pkg, 'node_modules', name), link, 'dir');
  }
}
