// The delivery pipeline, top to bottom. Every message, from the Internet (MX), from one of our
// users (submission) or generated here (bounces), runs these stages in this order; each is a
// function of the context that adds to its trace.
//
//   1. spool         (front end) DATA streamed in, size enforced while streaming; small messages
//                    stay in memory, larger ones spill to a spool file
//   2. parse         MIME structure, ENVELOPE, BODYSTRUCTURE, text; hop count (loops)
//      authorize     submission only: From must be the sender's own address
//   3. authenticate  SPF, DKIM, DMARC, ARC             (slots in here with its issue)
//   4. classify      spam / promotions / social scores  (slots in here with its issue)
//   5. route         recipients → mailboxes, redirects, outbound queue
//   6. decide        folder and flags of each copy (filters refine this)
//      redirect      which redirections to other servers leave (consent, spam, loops)
//   7. commit        bytes once, rows in one transaction, then events; then the 250
import fs from 'node:fs/promises';
import type { DeliveryContext, DeliveryDeps, ClientInfo, Source } from './context.js';
import { parseStage } from './stages/parse.js';
import { authorizeStage } from './stages/authorize.js';
import { routeStage } from './stages/route.js';
import { decideStage } from './stages/decide.js';
import { redirectStage } from './stages/redirect.js';
import { commitStage } from './stages/commit.js';
import { newId } from '../util/ids.js';

export type Stage = (ctx: DeliveryContext, deps: DeliveryDeps) => Promise<void>;

export const STAGES: ReadonlyArray<readonly [string, Stage]> = [
  ['parse', parseStage],
  ['authorize', authorizeStage],
  ['route', routeStage],
  ['decide', decideStage],
  ['redirect', redirectStage],
  ['commit', commitStage],
];

export interface Incoming {
  source: Source;
  client: ClientInfo;
  mailFrom: string;
  rcptTo: string[];
  /** The spool file a large message was streamed into, or the bytes of a small one (or of our own). */
  spoolPath?: string;
  raw?: Buffer;
  id?: string;
  receivedAt?: number;
}

export async function deliver(deps: DeliveryDeps, incoming: Incoming): Promise<DeliveryContext> {
  const raw = incoming.raw ?? (await fs.readFile(incoming.spoolPath!));
  const ctx: DeliveryContext = {
    id: incoming.id ?? newId(),
    source: incoming.source,
    receivedAt: incoming.receivedAt ?? deps.now(),
    client: incoming.client,
    mailFrom: incoming.mailFrom,
    rcptTo: incoming.rcptTo,
    raw,
    parsed: null,
    placements: [],
    outbound: [],
    trace: [],
  };
  const log = deps.log.child({ delivery: ctx.id });
  const started = process.hrtime.bigint();
  try {
    for (const [name, stage] of STAGES) {
      await stage(ctx, deps);
      log.debug({ stage: name }, 'stage done');
    }
  } finally {
    deps.metrics.deliveryDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    if (incoming.spoolPath) await fs.rm(incoming.spoolPath, { force: true });
  }
  log.info({ source: ctx.source, from: ctx.mailFrom, rcpt: ctx.rcptTo, size: raw.length, stored: ctx.placements.length, queued: ctx.outbound.length }, 'delivered');
  return ctx;
}
