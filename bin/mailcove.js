#!/usr/bin/env node
// Runs the compiled CLI (npm run build puts it in dist/).
// Every message is fsynced (file, directory, database log) off the event loop in libuv's
// thread pool; its default of 4 threads queues them under load. Set before any I/O starts.
process.env.UV_THREADPOOL_SIZE ??= '32';
await import('../dist/src/cli/main.js');
