// How far V8 lets the heap grow past what is live before collecting. V8 sizes this for the
// machine: with gigabytes of memory it allows three to four times the live size, and the message
// Buffers a delivery makes are only freed by those collections. Under inbound load that came to
// ~90 MB of resident memory more than the server needs (bench/RESULTS.md, smtp-inbound). A
// growth of 50 % keeps the heap near its live size (~40 MB, mostly code) at the price of more
// frequent major collections; 30 % saved another ~20 MB for ~5 % more CPU in collections. V8
// reads this flag at every collection, so setting it at start-up takes effect (a V8 without it
// would print a warning and carry on).
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function keepHeapNearLiveSize(percent = HEAP_GROWING_PERCENT): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
