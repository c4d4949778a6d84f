// Social networks: the registrable domains their notifications come from, header fields only they
// add, and the shapes of notification subjects ("X commented on your post"). A social-network
// domain alone is not enough: their security and receipt mail (password resets, login codes)
// is transactional, so the type classifier weighs these against transactional wording.

export interface SocialNetwork {
  name: string;
  domains: string[];
  headers: string[];
}

export const SOCIAL_NETWORKS: SocialNetwork[] = [
  { name: 'Facebook', domains: ['facebookmail.com', 'facebook.com', 'fb.com'], headers: ['x-facebook-notify'] },
  { name: 'Instagram', domains: ['instagram.com', 'mail.instagram.com'], headers: [] },
  { name: 'LinkedIn', domains: ['linkedin.com', 'e.linkedin.com'], headers: ['x-linkedin-class', 'x-linkedin-template', 'x-linkedin-fbl'] },
  { name: 'X (Twitter)', domains: ['twitter.com', 'x.com'], headers: ['x-twitteremailtype', 'x-twitterimpressionid', 'x-twitterrecipientscreenname'] },
  { name: 'Pinterest', domains: ['pinterest.com', 'explore.pinterest.com'], headers: [] },
  { name: 'Reddit', domains: ['redditmail.com', 'reddit.com'], headers: [] },
  { name: 'TikTok', domains: ['tiktok.com', 'tiktokv.com'], headers: [] },
  { name: 'Snapchat', domains: ['snapchat.com'], headers: [] },
  { name: 'Tumblr', domains: ['tumblr.com'], headers: [] },
  { name: 'YouTube', domains: ['youtube.com'], headers: [] },
  { name: 'Quora', domains: ['quora.com'], headers: [] },
  { name: 'Nextdoor', domains: ['nextdoor.com', 'ndmail.com'], headers: [] },
  { name: 'Strava', domains: ['strava.com'], headers: [] },
  { name: 'Meetup', domains: ['meetup.com', 'meetupmail.com'], headers: [] },
  { name: 'Discord', domains: ['discord.com', 'discordapp.com'], headers: [] },
  { name: 'Bluesky', domains: ['bsky.app', 'bsky.social'], headers: [] },
  { name: 'Threads', domains: ['threads.net'], headers: [] },
  { name: 'Mastodon', domains: ['mastodon.social', 'mastodon.online'], headers: [] },
  { name: 'Twitch', domains: ['twitch.tv'], headers: [] },
  { name: 'Goodreads', domains: ['goodreads.com'], headers: [] },
  { name: 'Flickr', domains: ['flickr.com'], headers: [] },
  { name: 'VK', domains: ['vk.com'], headers: [] },
  { name: 'XING', domains: ['xing.com', 'mail.xing.com'], headers: [] },
  { name: 'Viadeo', domains: ['viadeo.com'], headers: [] },
  { name: 'Duolingo', domains: ['duolingo.com'], headers: [] },
];

export const SOCIAL_DOMAINS = new Map<string, SocialNetwork>(SOCIAL_NETWORKS.flatMap((s) => s.domains.map((d) => [d, s] as const)));
export const SOCIAL_HEADERS = new Map<string, SocialNetwork>(SOCIAL_NETWORKS.flatMap((s) => s.headers.map((h) => [h, s] as const)));

/** Subjects and first lines of notifications: someone did something to or for you. */
export const SOCIAL_PHRASES: RegExp[] = [
  /\b(commented on|replied to|liked|reacted to|shared|mentioned you|tagged you|followed you|started following you|is now following you|retweeted|reposted|quoted your|endorsed you|viewed your profile|appeared in \d+ searches|sent you a (message|friend request|connection request|snap)|wants to connect|accepted your (invitation|friend request|connection)|invited you to (join|like|follow|connect|an event|the group)|new followers?|new connection|added a new (photo|video|story)|went live|posted (a new|in|on)|your memories|people you may know|birthday)\b/i,
  /\b(a commenté|a aimé|vous a mentionné|vous suit|vous a identifié|nouveau message de|hat (deinen|Ihren) beitrag|gefällt|hat dich erwähnt|folgt dir)\b/i,
];
