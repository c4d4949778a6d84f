import { describe, expect, it } from 'vitest';
import { baseSubject, decodeEntities, headerText, htmlToText, parseHeaderText, parseMessage, truncateUtf8 } from '../../src/mime/index.js';
import { crlf, dedent } from './helpers.js';

describe('baseSubject (RFC 5256 2.1)', () => {
  it.each([
    ['Re: test', 'test'],
    ['Re: Re: RE: test', 'test'],
    ['Fw: test', 'test'],
    ['FWD: test', 'test'],
    ['re : test', 'test'],
    ['Re[2]: test', 'test'],
    ['Re: [PATCH] fix it', 'fix it'],
    ['[list] Re: [list] Re: test', 'test'],
    ['test (fwd)', 'test'],
    ['test (fwd) (FWD)  ', 'test'],
    ['[fwd: test]', 'test'],
    ['[Fwd: Re: test (fwd)]', 'test'],
    ['Fwd: [fwd: Re: test]', 'test'],
    ['[PATCH]', '[PATCH]'],
    ['[a] [b]', '[b]'],
    ['Re:', ''],
    ['Reply: test', 'Reply: test'],
    ['Rex: test', 'Rex: test'],
    ['  multiple   \t spaces  ', 'multiple spaces'],
    ['Re: =?utf-8?q?caf=C3=A9?=', 'café'],
    ['=?utf-8?q?Re=3A_caf=C3=A9?=', 'café'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(baseSubject(input)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it('strips tags, skips script/style/head/comments, keeps block breaks', () => {
    const html = dedent(`
      <html><head><title>T</title><style>p { color: red }</style></head>
      <body><!-- hidden --><p>Hello&nbsp;<b>world</b></p><script>alert("x<p>")</script>
      <div data-x="a > b">caf&eacute; &amp; cr&egrave;me &#8364;5 &#x1F600;</div>
      <table><tr><td>a</td><td>b</td></tr></table>1 &lt; 2 &unknown; AT&T</body></html>
    `);
    expect(htmlToText(html)).toBe('Hello world\ncafé & crème €5 😀\na b\n1 < 2 &unknown; AT&T');
  });
  it('handles unclosed tags and stray brackets', () => {
    expect(htmlToText('a < b and <b>bold')).toBe('a < b and bold');
    expect(htmlToText('<script>never closed')).toBe('');
    expect(htmlToText('x<br>y<BR/>z')).toBe('x\ny\nz');
  });
  it('decodes entities without touching invalid code points', () => {
    expect(decodeEntities('&#0; &#xD800; &#65; &constructor;')).toBe('&#0; &#xD800; A &constructor;');
  });
});

describe('searchable text', () => {
  it('has the plain body and one alternative; header values apart, decoded', () => {
    const m = parseMessage(
      crlf(dedent(`
        From: =?utf-8?q?J=C3=B6rg?= <joerg@example.com>
        To: Bob <bob@example.net>, team: c@x.test;
        Cc: dan@example.org
        Subject: =?utf-8?q?Quarterly_r=C3=A9port?=
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: multipart/alternative; boundary=a

        --a
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Voil=E0 the numbers.
        --a
        Content-Type: text/html

        <p>HTML DUPLICATE</p>
        --a--
        --b
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: base64

        PHA+Y2Fmw6k8c2NyaXB0PnNlY3JldDwvc2NyaXB0PjwvcD4=
        --b
        Content-Type: message/rfc822

        Subject: inner

        inner words
        --b
        Content-Type: image/png
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --b--
      `)),
    );
    expect(m.text).toBe('Voilà the numbers.\ncafé\ninner words');
    expect(parseHeaderText(m.headerText).slice(0, 4)).toEqual([
      { name: 'from', value: 'Jörg <joerg@example.com>' },
      { name: 'to', value: 'Bob <bob@example.net>, team: c@x.test;' },
      { name: 'cc', value: 'dan@example.org' },
      { name: 'subject', value: 'Quarterly réport' },
    ]);
  });

  it('is capped in UTF-8 bytes', () => {
    const m = parseMessage(crlf('Subject: s\nContent-Type: text/plain; charset=utf-8\n\n' + 'é'.repeat(10_000) + '\n'), {
      maxTextBytes: 1001,
    });
    expect(Buffer.byteLength(m.text)).toBeLessThanOrEqual(1001);
    expect(m.text.startsWith('éé')).toBe(true);
    expect(m.text.endsWith('é')).toBe(true);
  });

  it('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('aé€', 4)).toBe('aé');
    expect(truncateUtf8('aé€', 6)).toBe('aé€');
    expect(truncateUtf8('😀😀', 5)).toBe('😀');
  });
});
