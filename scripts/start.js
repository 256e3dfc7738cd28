#!/usr/bin/env node
// `npm start`: the compiled server in dist/. In a checkout where a source changed since the last build, the changed
// files are compiled first (milliseconds); where dist/ cannot be built (no dev dependencies), the TypeScript runs
// through tsx. The systemd unit in README.md runs dist/src/main.js directly.
const path = require('node:path');
const { build, isStale } = require('./build.js');

if (!isStale() || build({ quiet: true, incremental: true })) {
  require(path.join(__dirname, '../dist/src/main.js'));
} else {
  require('tsx/cjs');
  require('../src/main.ts');
}
