#!/usr/bin/env node
// The published entry: the compiled CLI (npm run build, or npm ci via prepare).
await import('../dist/cli/bin.js');
