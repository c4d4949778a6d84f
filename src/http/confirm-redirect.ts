// The page a redirect target opens from its confirmation mail (outside /api/v1: no login, the
// token is the credential). GET only shows what is asked, because mail scanners and link
// previews fetch links and must not confirm anything; its button POSTs to the same address,
// which uses the token once.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { confirmRedirectToken, lookupConfirmationToken, type TokenLookup } from '../accounts/redirections.js';
import { CONFIRM_PATH } from '../delivery/redirect-confirm.js';
import type { HttpDeps } from './route.js';

export function registerRedirectConfirmation(app: FastifyInstance, deps: HttpDeps): void {
  void app.register(async (scope) => {
    // The confirm button sends an empty form; only this page accepts one.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.get<{ Params: { token: string } }>(`${CONFIRM_PATH}/:token`, async (request, reply) => {
      const found = await lookupConfirmationToken(deps.store, request.params.token);
      if (found.state !== 'valid') return notUsable(reply, found);
      return page(
        reply,
        200,
        'Confirm mail redirection',
        `<p><b>${esc(found.origin)}</b> asks to redirect the mail it receives to <b>${esc(found.target)}</b>.</p>
<form method="post"><button type="submit">Accept: send me this mail</button></form>
<p>If you did not expect this, close this page: nothing is redirected to you.</p>`,
      );
    });
    scope.post<{ Params: { token: string } }>(`${CONFIRM_PATH}/:token`, async (request, reply) => {
      const found = await confirmRedirectToken(deps.store, request.params.token);
      if (found.state !== 'valid') return notUsable(reply, found);
      deps.log.info({ origin: found.origin, target: found.target }, 'redirect target confirmed');
      return page(reply, 200, 'Redirection confirmed', `<p>Mail to <b>${esc(found.origin)}</b> is now redirected to <b>${esc(found.target)}</b>.</p>`);
    });
  });
}

function notUsable(reply: FastifyReply, found: Exclude<TokenLookup, { state: 'valid' }>) {
  if (found.state === 'expired') {
    return page(reply, 410, 'Link expired', `<p>This link has expired. Ask the administrator of ${esc(found.origin)} to send a new one.</p>`);
  }
  return page(reply, 404, 'Link not valid', '<p>This link is not valid, or it has been used already.</p>');
}

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    // The token is in the address: never pass it on in a Referer.
    .header('Referrer-Policy', 'no-referrer')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
    .header('X-Frame-Options', 'DENY')
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}button{font-size:1em;padding:.5em 1em}</style>
</head><body><h1>${esc(title)}</h1>
${body}
</body></html>
`);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
