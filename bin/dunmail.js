#!/usr/bin/env node
// The published entry: the CLI bundled by npm run build (npm ci runs it via prepare),
// dunmail's modules in a few files so each start reads fewer (scripts/bundle-cli.ts).
await import('../dist/bundled/bin.js');
