// The outbound queue and message traces.
import { z } from 'zod';
import { listQueue, removeFromQueue, retryQueue } from '../../queue/admin.js';
import { traceMessage } from '../../delivery/trace.js';
import { defineRoute } from '../route.js';
import { timestamp } from '../schemas.js';

const queueId = z.string().min(1).max(200).describe('Queue id');
const status = z.enum(['pending', 'delivered', 'failed']);

export const queueRoutes = [
  defineRoute({
    method: 'GET',
    path: '/queue',
    operationId: 'listQueue',
    summary: 'List the outbound queue, one entry per recipient',
    tag: 'queue',
    auth: 'admin',
    response: z.object({
      queue: z.array(
        z.object({
          queueId: z.string(),
          recipientId: z.number().int(),
          sender: z.string(),
          recipient: z.string(),
          status,
          attempts: z.number().int(),
          nextAttemptAt: timestamp.nullable().describe('null unless pending'),
          lastReply: z.string().nullable(),
          createdAt: timestamp,
          size: z.number().int(),
        }),
      ),
    }),
    handler: async ({ ctx }) => ({ queue: await listQueue(ctx.deps.store) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/queue/retry',
    operationId: 'retryAll',
    summary: 'Make every pending recipient due now',
    tag: 'queue',
    auth: 'admin',
    response: z.object({ retried: z.number().int().describe('Recipients made due') }),
    handler: async ({ ctx }) => retryQueue(ctx.deps.store),
  }),
  defineRoute({
    method: 'POST',
    path: '/queue/:id/retry',
    operationId: 'retryQueued',
    summary: 'Make the pending recipients of one queued message due now',
    tag: 'queue',
    auth: 'admin',
    params: z.object({ id: queueId }),
    response: z.object({ retried: z.number().int().describe('Recipients made due') }),
    errors: [404],
    handler: async ({ ctx, params }) => retryQueue(ctx.deps.store, params.id),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/queue/:id',
    operationId: 'removeQueued',
    summary: 'Drop a queued message without bouncing it',
    tag: 'queue',
    auth: 'admin',
    params: z.object({ id: queueId }),
    response: z.object({ removed: z.string() }),
    errors: [404],
    handler: async ({ ctx, params }) => removeFromQueue(ctx.deps.store, params.id),
  }),
  defineRoute({
    method: 'GET',
    path: '/trace/:id',
    operationId: 'traceMessage',
    summary: 'What happened to a message: its deliveries with their traces and its queue state',
    tag: 'queue',
    auth: 'admin',
    params: z.object({ id: z.string().min(1).max(998).describe('Delivery id, queue id or Message-ID') }),
    response: z.object({
      deliveries: z.array(
        z.object({
          id: z.string(),
          source: z.string(),
          receivedAt: timestamp,
          remoteIp: z.string().nullable(),
          helo: z.string().nullable(),
          mailFrom: z.string(),
          rcptTo: z.array(z.string()),
          messageId: z.string().nullable(),
          size: z.number().int(),
          outcome: z.string(),
          trace: z.array(z.object({ stage: z.string(), at: timestamp, note: z.string(), data: z.unknown().optional() })),
        }),
      ),
      queue: z.array(
        z.object({
          queueId: z.string(),
          recipient: z.string(),
          status: z.string(),
          attempts: z.number().int(),
          lastReply: z.string().nullable(),
          nextAttemptAt: timestamp.nullable(),
          why: z.string().nullable().describe('the last reply explained in plain words, when it is a refusal Mailcove recognises'),
        }),
      ),
    }),
    errors: [404],
    handler: async ({ ctx, params }) => traceMessage(ctx.deps.store, params.id),
  }),
];
