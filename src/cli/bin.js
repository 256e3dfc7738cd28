#!/usr/bin/env node
// Entry point of `npx needsmap`: the compiled CLI in dist/ (built by `npm install`, rebuilt here in a fraction of a
// second when a source changed since), or the TypeScript through tsx where dist/ cannot be built (no dev dependencies).
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
let compiled;
try {
  const { build, isStale } = require(path.join(root, 'scripts/build.js'));
  compiled = !isStale() || build({ quiet: true, incremental: true });
} catch {
  compiled = false;
}
if (compiled) {
  require(path.join(root, 'dist/src/cli/index.js'));
} else {
  require('tsx/cjs');
  require('./index.ts');
}
