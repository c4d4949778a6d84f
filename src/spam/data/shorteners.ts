// URL shorteners: the destination of such a link cannot be judged from the message.
export const SHORTENERS = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at',
  'tiny.cc', 'rb.gy', 'bl.ink', 'soo.gd', 's.id', 't.ly', 'v.gd', 'x.co', 'lnkd.in', 'shorte.st', 'adf.ly', 'bc.vc', 'qr.ae',
  'tr.im', 'cli.gs', 'short.io', 'urlz.fr', 'yourls.org', 'clck.ru', 'u.to', 'did.li', 'shrtco.de', 'surl.li', 'tinu.be',
]);

/** Shorteners run by a sender for its own links: not suspicious in that sender's mail. */
export const OWNED_SHORTENERS: Record<string, string[]> = {
  't.co': ['twitter.com', 'x.com'],
  'lnkd.in': ['linkedin.com'],
  'fb.me': ['facebook.com', 'facebookmail.com'],
  'amzn.to': ['amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr'],
  'youtu.be': ['youtube.com', 'google.com'],
  'redd.it': ['reddit.com', 'redditmail.com'],
  'pin.it': ['pinterest.com'],
};
