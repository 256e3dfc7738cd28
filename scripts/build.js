#!/usr/bin/env node
// `npm run build`, and `prepare` so that `npm install` runs it: compiles src/**/*.ts and db/migrations/*.ts to CommonJS
// in dist/ with swc, in well under a second, without type checking (`npm run typecheck` does that), so a type error
// never breaks an install. Views, public files, locales and questionnaires stay where they are: the compiled code reads
// them from the checkout (src/shared/paths.ts). A new dist/ replaces the old one only once complete.
// `--if-stale` (used before `npm start` and by the `needsmap` command) builds only when a source is newer than dist/.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist');
const STAMP = path.join(OUT, '.built');
const SOURCES = ['src', 'db/migrations'];

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const sources = () => SOURCES.flatMap((dir) => [...walk(path.join(ROOT, dir))]);

/** True when dist/ is missing or older than a source file (a source added, changed or renamed since the build). */
function isStale() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  const files = sources();
  if (files.length !== Number(fs.readFileSync(STAMP, 'utf8'))) return true;
  return files.some((file) => fs.statSync(file).mtimeMs > built);
}

const SWC_OPTIONS = { swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'typescript' }, keepClassNames: true }, module: { type: 'commonjs' } };
const outputOf = (dir, file) => path.join(dir, path.relative(ROOT, file).replace(/\.ts$/, '.js'));

/**
 * Brings an existing dist/ up to date file by file (each written to a temporary name and renamed, so a process
 * starting meanwhile never reads half a file): sources changed since the last build, outputs of removed sources gone.
 */
function update(swc) {
  const built = fs.statSync(STAMP).mtimeMs;
  const files = sources();
  const wanted = new Set(files.map((f) => outputOf(OUT, f)));
  for (const file of files) {
    const target = outputOf(OUT, file);
    if (fs.statSync(file).mtimeMs <= built && fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(`${target}.${process.pid}.tmp`, swc.transformFileSync(file, SWC_OPTIONS).code);
    fs.renameSync(`${target}.${process.pid}.tmp`, target);
  }
  const walkJs = function* (dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walkJs(full);
      else if (entry.name.endsWith('.js')) yield full;
    }
  };
  for (const js of walkJs(OUT)) if (!wanted.has(js)) fs.rmSync(js, { force: true });
  fs.writeFileSync(STAMP, String(files.length));
}

/**
 * Compiles every source into a fresh directory, then swaps it in; with `incremental` and an existing build, only
 * what changed (what `--if-stale` and the `needsmap` command use). Returns false when swc is not installed.
 */
function build({ quiet = false, incremental = false } = {}) {
  let swc;
  try {
    swc = require('@swc/core');
  } catch {
    if (!quiet) console.warn('needsmap build: @swc/core is not installed (an install without dev dependencies); dist/ not built');
    return false;
  }
  const started = Date.now();
  if (incremental && fs.existsSync(STAMP)) {
    update(swc);
    if (!quiet) console.log(`needsmap build: dist/ brought up to date in ${Date.now() - started} ms`);
    return true;
  }
  const tmp = path.join(ROOT, `dist.tmp-${process.pid}`);
  try {
    const files = sources();
    for (const file of files) {
      const { code } = swc.transformFileSync(file, SWC_OPTIONS);
      const target = outputOf(tmp, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, code);
    }
    fs.writeFileSync(path.join(tmp, '.built'), String(files.length));
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.renameSync(tmp, OUT);
    if (!quiet) console.log(`needsmap build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
    return true;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { build, isStale, OUT };

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || isStale()) build({ incremental: ifStale });
}
