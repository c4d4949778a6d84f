#!/usr/bin/env node
// Runs the compiled CLI (npm run build puts it in dist/).
import '../dist/src/cli/main.js';
