#!/usr/bin/env node
// Entry point of `npx needsmap`: runs the TypeScript CLI through tsx, so it works right after `npm install`.
require('tsx/cjs');
require('./index.ts');
