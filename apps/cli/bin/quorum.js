#!/usr/bin/env node
// Runs the TypeScript sources directly (the monorepo consumes packages as source, no build step).
require('tsx/cjs');
require('../src/main.ts');
