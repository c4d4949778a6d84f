#!/usr/bin/env node
// Runs the compiled CLI (npm run build puts it in dist/).
// Every message is fsynced (file, directory, database log) off the event loop in libuv's
// thread pool; its default of 4 threads queues them under load. The size is read when the pool
// first starts, which for an ES module entry is before its first line runs (loading it reads
// files through the pool): so this file is CommonJS (bin/package.json) and sets it first.
process.env.UV_THREADPOOL_SIZE ??= '32';
import('../dist/src/cli/main.js').catch((err) => {
  console.error(err);
  process.exit(1);
});
