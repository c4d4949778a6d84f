// Brands that phishing imitates: the names a display name or subject would use, and every
// registrable domain the brand really sends mail and links from. A brand named in a display name
// while the mail comes from none of its domains is impersonation; a domain that differs from one
// of these by a letter or two, or only in look-alike characters, is a lookalike.

export interface Brand {
  name: string;
  /** Lower-case words that name the brand in a display name or subject (whole words). */
  words: string[];
  /**
   * Names that are also ordinary words or first names ("Chase", "Apple", "Zoom"): they count only
   * as the whole display name or beside a service word ("Apple Support", "Chase Bank").
   */
  common?: string[];
  domains: string[];
}

export const BRANDS: Brand[] = [
  { name: 'PayPal', words: ['paypal'], domains: ['paypal.com', 'paypal.me', 'paypal-communication.com', 'paypalobjects.com', 'paypal.de', 'paypal.fr', 'paypal.co.uk', 'paypal-community.com', 'paypal-mktg.com'] },
  { name: 'Apple', words: ['icloud', 'itunes', 'apple id', 'app store'], common: ['apple'], domains: ['apple.com', 'icloud.com', 'itunes.com', 'me.com', 'mac.com', 'apple.news'] },
  { name: 'Microsoft', words: ['microsoft', 'outlook web app', 'outlook web access', 'owa', 'office 365', 'office365', 'microsoft 365', 'onedrive', 'sharepoint', 'hotmail', 'windows live'], common: ['outlook', 'teams'], domains: ['microsoft.com', 'outlook.com', 'live.com', 'office.com', 'office365.com', 'microsoftonline.com', 'hotmail.com', 'onedrive.com', 'sharepoint.com', 'microsoft365.com', 'msn.com', 'azure.com', 'skype.com', 'accountprotection.microsoft.com'] },
  { name: 'Google', words: ['google', 'gmail', 'google drive', 'google workspace'], domains: ['google.com', 'gmail.com', 'googlemail.com', 'youtube.com', 'accounts.google.com', 'google.co.uk', 'google.de', 'google.fr', 'google.ch', 'googleapis.com', 'gstatic.com', 'googleusercontent.com', 'googletagmanager.com', 'google-analytics.com', 'googlegroups.com', 'googlesyndication.com', 'withgoogle.com'] },
  { name: 'Amazon', words: ['amazon', 'amazon prime', 'prime video'], domains: ['amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.ca', 'amazon.co.jp', 'amazonaws.com', 'amazon.nl', 'primevideo.com', 'marketplace.amazon.com', 'amazonses.com', 'amazon-adsystem.com', 'media-amazon.com', 'ssl-images-amazon.com'] },
  { name: 'Netflix', words: ['netflix'], domains: ['netflix.com', 'netflix.net', 'mailer.netflix.com', 'nflxext.com'] },
  { name: 'Facebook', words: ['facebook'], common: ['meta'], domains: ['facebook.com', 'facebookmail.com', 'fb.com', 'meta.com', 'metamail.com'] },
  { name: 'Instagram', words: ['instagram'], domains: ['instagram.com', 'mail.instagram.com', 'facebookmail.com', 'cdninstagram.com'] },
  { name: 'LinkedIn', words: ['linkedin'], domains: ['linkedin.com', 'e.linkedin.com'] },
  { name: 'WhatsApp', words: ['whatsapp'], domains: ['whatsapp.com', 'facebookmail.com'] },
  { name: 'DHL', words: ['dhl', 'dhl express'], domains: ['dhl.com', 'dhl.de', 'dhl.ch', 'dhl.fr', 'dhl.co.uk', 'dhl-news.com', 'dpdhl.com'] },
  { name: 'FedEx', words: ['fedex'], domains: ['fedex.com'] },
  { name: 'UPS', words: [], common: ['ups'], domains: ['ups.com'] },
  { name: 'USPS', words: ['usps', 'postal service'], domains: ['usps.com', 'usps.gov'] },
  { name: 'La Poste', words: ['la poste', 'colissimo'], domains: ['laposte.fr', 'laposte.net', 'colissimo.fr'] },
  { name: 'Swiss Post', words: ['swiss post', 'la poste suisse', 'postfinance'], common: ['die post'], domains: ['post.ch', 'postfinance.ch', 'swisspost.ch'] },
  { name: 'Chase', words: ['jpmorgan'], common: ['chase'], domains: ['chase.com', 'jpmorgan.com', 'jpmorganchase.com'] },
  { name: 'Bank of America', words: ['bank of america', 'bofa'], domains: ['bankofamerica.com', 'bofa.com'] },
  { name: 'Wells Fargo', words: ['wells fargo'], domains: ['wellsfargo.com', 'wf.com'] },
  { name: 'Citibank', words: ['citibank'], common: ['citi'], domains: ['citi.com', 'citibank.com', 'citigroup.com'] },
  { name: 'HSBC', words: ['hsbc'], domains: ['hsbc.com', 'hsbc.co.uk', 'us.hsbc.com'] },
  { name: 'Barclays', words: ['barclays'], domains: ['barclays.com', 'barclays.co.uk', 'barclaycard.co.uk'] },
  { name: 'DocuSign', words: ['docusign'], domains: ['docusign.com', 'docusign.net'] },
  { name: 'Dropbox', words: ['dropbox'], domains: ['dropbox.com', 'dropboxmail.com', 'dropboxusercontent.com'] },
  { name: 'Adobe', words: ['adobe', 'adobe sign'], common: ['acrobat'], domains: ['adobe.com', 'adobesign.com', 'echosign.com', 'adobelogin.com', 'adobecc.com'] },
  { name: 'Coinbase', words: ['coinbase'], domains: ['coinbase.com'] },
  { name: 'Binance', words: ['binance'], domains: ['binance.com'] },
  { name: 'Visa', words: [], common: ['visa'], domains: ['visa.com'] },
  { name: 'Mastercard', words: ['mastercard'], domains: ['mastercard.com'] },
  { name: 'American Express', words: ['american express', 'amex'], domains: ['americanexpress.com', 'aexp.com', 'amex.com'] },
  { name: 'eBay', words: ['ebay'], domains: ['ebay.com', 'ebay.co.uk', 'ebay.de', 'ebay.fr', 'ebay.ch', 'ebaystatic.com', 'ebayimg.com'] },
  { name: 'Spotify', words: ['spotify'], domains: ['spotify.com', 'spotifymail.com', 'spotifycdn.com'] },
  { name: 'Booking.com', words: ['booking.com'], common: ['booking'], domains: ['booking.com', 'bookingmail.com'] },
  { name: 'Airbnb', words: ['airbnb'], domains: ['airbnb.com', 'airbnbmail.com', 'airbnb.ch', 'airbnb.fr'] },
  { name: 'Steam', words: [], common: ['steam', 'valve'], domains: ['steampowered.com', 'steamcommunity.com', 'valvesoftware.com'] },
  { name: 'Zoom', words: [], common: ['zoom'], domains: ['zoom.us', 'zoom.com'] },
  { name: 'Wise', words: ['transferwise'], domains: ['wise.com', 'transferwise.com'] },
  { name: 'Revolut', words: ['revolut'], domains: ['revolut.com'] },
  { name: 'IRS', words: ['internal revenue service'], common: ['irs'], domains: ['irs.gov'] },
  { name: 'HMRC', words: ['hmrc'], domains: ['hmrc.gov.uk', 'gov.uk'] },
  { name: 'X (Twitter)', words: ['twitter'], domains: ['twitter.com', 'x.com'] },
  { name: 'Mailcove', words: ['mailcove'], domains: ['mailcove.org', 'mailcove.com'] },
];

/** Every official domain → its brand (several brands may share one, e.g. facebookmail.com). */
export const BRAND_DOMAINS = new Map<string, Brand>();
for (const b of BRANDS) for (const d of b.domains) if (!BRAND_DOMAINS.has(d)) BRAND_DOMAINS.set(d, b);
