// Checks what `npm pack` would publish for each npm package given on the
// command line (directories relative to the repository root):
//  - every file that package.json names (main, module, types, exports) is
//    in the tarball, and at least one runnable artifact (.node or .wasm);
//  - no test, fixture, benchmark, source, script, lockfile or source map;
//  - no text file holds the checkout's absolute path or the home directory,
//    and no binary holds the checkout's path.
// Usage: node scripts/pack-check.mjs node wasm
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const forbidden = [
  [/(^|\/)(test|tests|__tests__|fixtures|bench|benches|scripts|src)\//, 'test, bench, script or source directory'],
  [/\.(test|spec)\.[cm]?[jt]s$/, 'test file'],
  [/\.map$/, 'source map'],
  [/(^|\/)(package-lock\.json|npm-shrinkwrap\.json|Cargo\.(toml|lock)|\.npmrc|\.env)$/, 'build or config file'],
  [/\.(rs|db|key|pem|tgz)$/, 'source, database, key or archive'],
];
const textFile = /\.(c?js|mjs|ts|cts|mts|json|md)$/;

function referenced(manifest) {
  const out = new Set();
  const walk = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./') && !value.includes('*')) out.add(value.slice(2));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  for (const field of ['main', 'module', 'types', 'typings', 'browser']) {
    const v = manifest[field];
    if (typeof v === 'string') out.add(v.replace(/^\.\//, ''));
  }
  walk(manifest.exports ?? {});
  return out;
}

let failures = 0;
const fail = (pkg, message) => {
  console.error(`${pkg}: ${message}`);
  failures += 1;
};

for (const dir of process.argv.slice(2)) {
  const cwd = resolve(root, dir);
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd, encoding: 'utf8' }),
  );
  const files = report.files.map((f) => f.path);
  const name = manifest.name;
  for (const wanted of referenced(manifest)) {
    if (!files.includes(wanted)) fail(name, `package.json names ${wanted}, which the tarball lacks`);
  }
  if (!files.some((f) => /\.(node|wasm)$/.test(f))) fail(name, 'no .node or .wasm in the tarball (not built?)');
  for (const file of files) {
    for (const [pattern, what] of forbidden) {
      if (pattern.test(file)) fail(name, `${file}: ${what} in the tarball`);
    }
    const bytes = readFileSync(join(cwd, file));
    const secretsOfTheMachine = textFile.test(file) ? [root, homedir() + '/'] : [root];
    for (const path of secretsOfTheMachine) {
      if (bytes.includes(Buffer.from(path))) fail(name, `${file} holds the build machine's path ${path}`);
    }
  }
  console.log(`${name}@${manifest.version}: ${files.length} files, ${report.size} bytes packed`);
  for (const file of files) console.log(`  ${file}`);
}
if (failures > 0) {
  console.error(`pack check: ${failures} problem(s)`);
  process.exit(1);
}
