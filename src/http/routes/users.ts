// People who use the web app and the API: accounts, mailbox grants, API tokens.
import { z } from 'zod';
import * as admin from '../../accounts/admin.js';
import { defineRoute } from '../route.js';
import { emailAddress, timestamp } from '../schemas.js';

const emailParams = z.object({ email: emailAddress('User email') });

export const userRoutes = [
  defineRoute({
    method: 'GET',
    path: '/users',
    operationId: 'listUsers',
    summary: 'List users',
    tag: 'users',
    auth: 'admin',
    response: z.object({ users: z.array(z.object({ id: z.number().int(), email: z.string(), admin: z.boolean(), createdAt: timestamp })) }),
    handler: async ({ ctx }) => ({ users: await admin.listUsers(ctx.admin) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/users',
    operationId: 'addUser',
    summary: 'Create a user; without a password a one-time password is generated and returned in this response only',
    tag: 'users',
    auth: 'admin',
    body: z.strictObject({
      email: emailAddress('Login email'),
      admin: z.boolean().optional().describe('May use the admin routes'),
      password: z.string().min(12).max(1024).optional(),
    }),
    response: z.object({
      id: z.number().int(),
      email: z.string(),
      admin: z.boolean(),
      oneTime: z.boolean().describe('The password was generated; the user should change it'),
      password: z.string().optional().describe('Only when generated; shown this once'),
    }),
    status: 201,
    errors: [409],
    handler: async ({ ctx, body }) => {
      const u = await admin.addUser(ctx.admin, body.email, { admin: body.admin, password: body.password });
      return { id: u.id, email: u.email, admin: u.admin, oneTime: u.oneTime, ...(u.oneTime ? { password: u.password } : {}) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/users/:email/grants',
    operationId: 'grantAccess',
    summary: 'Give a user access to a mailbox (replaces their earlier permissions on it)',
    tag: 'users',
    auth: 'admin',
    params: emailParams,
    body: z.strictObject({
      mailbox: emailAddress('Mailbox address'),
      permissions: z.array(z.enum(admin.PERMISSIONS)).min(1),
    }),
    response: z.object({ email: z.string(), mailbox: z.string(), permissions: z.array(z.string()) }),
    errors: [404],
    handler: async ({ ctx, params, body }) => admin.grant(ctx.admin, params.email, body.mailbox, body.permissions),
  }),
  defineRoute({
    method: 'POST',
    path: '/users/:email/tokens',
    operationId: 'createApiToken',
    summary: 'Create an API token for a user; the token is returned in this response only',
    tag: 'users',
    auth: 'admin',
    params: emailParams,
    body: z.strictObject({ name: z.string().min(1).max(100).describe('What the token is for') }),
    response: z.object({ id: z.number().int(), email: z.string(), name: z.string(), token: z.string().describe('Send as "Authorization: Bearer <token>"') }),
    status: 201,
    errors: [404],
    handler: async ({ ctx, params, body }) => admin.createApiToken(ctx.admin, params.email, body.name),
  }),
];
