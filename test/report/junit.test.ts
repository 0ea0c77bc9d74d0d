import { describe, expect, it } from 'vitest';
import { formatLintReport } from '../../src/report/index.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/report/junit.js';
import { makeReport, sampleFindings } from './fixtures.js';

/** What an XML parser would hand back for an attribute value or text written by the formatter. */
function unescapeXml(text: string): string {
  return text.replace(/&(#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return ref.startsWith('#') ? String.fromCharCode(Number(ref.slice(1))) : named[ref];
  });
}

/** The checks of XML well-formedness that escaping is responsible for. */
function expectWellFormed(xml: string): void {
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  expect(xml).not.toMatch(/&(?!(#\d+|amp|lt|gt|quot|apos);)/);
  // Every attribute value is closed before the next attribute or the end of the tag.
  for (const tag of xml.match(/<[^<>]*>/g) ?? []) {
    expect(tag).toMatch(/^<(\?xml|\/?[\w]+)( [\w:]+="[^"<]*")*\s*(\/|\?)?>$/);
  }
  const open = (xml.match(/<(testsuites|testsuite|testcase|failure)[\s>]/g) ?? []).length;
  const selfClosed = (xml.match(/\/>/g) ?? []).length;
  const closed = (xml.match(/<\/(testsuites|testsuite|testcase|failure)>/g) ?? []).length;
  expect(open).toBe(closed + selfClosed);
}

describe('junit', () => {
  const xml = formatLintReport(makeReport(), 'junit', { color: false });

  it('has one testsuite per linted file, clean files included, sorted', () => {
    expectWellFormed(xml);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tact lint" tests="6" failures="5"',
      ),
    ).toBe(true);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) =>
      m.slice(1),
    );
    expect(suites).toEqual([
      ['flows/billing.yaml', '2', '2'],
      ['flows/clean.yaml', '1', '0'],
      ['flows/refund.yaml', '3', '3'],
    ]);
  });

  it('gives a clean file one passing testcase', () => {
    expect(xml).toContain(
      '<testsuite name="flows/clean.yaml" tests="1" failures="0" errors="0" skipped="0" time="0">\n    <testcase classname="flows/clean.yaml" name="tact lint" file="flows/clean.yaml" time="0" />\n  </testsuite>',
    );
  });

  it('gives each finding a failure with its severity, location, rule, message and path', () => {
    expect(xml).toContain(
      [
        '<testcase classname="flows/refund.yaml" name="human-exit (11:3)" file="flows/refund.yaml" line="11" time="0">',
        '      <failure message="The customer cannot ask for a person at &quot;ask_email&quot;." type="error">flows/refund.yaml:11:3',
        'rule: human-exit',
        'message: The customer cannot ask for a person at "ask_email".',
        'path: greet → ask_order → ask_email</failure>',
      ].join('\n'),
    );
    expect(xml).toContain('<failure message="Grade 11 is above 8." type="warning">');
    expect(xml).toContain('type="info"');
  });

  it('escapes markup characters and makes control characters visible', () => {
    const [finding] = sampleFindings();
    const message = `Use <b> & "quotes" 'here'\u0001\u001f\ttab\nline\uD800end`;
    const out = formatLintReport(makeReport([{ ...finding, message }]), 'junit', { color: false });
    expectWellFormed(out);
    const attr = /<failure message="([^"]*)"/.exec(out)![1];
    expect(attr).toBe(
      'Use &lt;b&gt; &amp; &quot;quotes&quot; &apos;here&apos;\\u0001\\u001F&#9;tab&#10;line\\uD800end',
    );
    expect(unescapeXml(attr)).toBe(`Use <b> & "quotes" 'here'\\u0001\\u001F\ttab\nline\\uD800end`);
    const body = /type="error">([\s\S]*?)<\/failure>/.exec(out)![1];
    expect(body).toContain(
      'message: Use &lt;b&gt; &amp; "quotes" \'here\'\\u0001\\u001F\ttab\nline\\uD800end',
    );
  });

  it('keeps characters XML allows, surrogate pairs included', () => {
    expect(escapeXmlText('émoji 🙂 \u007f')).toBe('émoji 🙂 \u007f');
    expect(escapeXmlAttribute('a\r\nb')).toBe('a&#13;&#10;b');
  });

  it('is a whole document without findings', () => {
    const out = formatLintReport(makeReport([]), 'junit', { color: false });
    expectWellFormed(out);
    expect(out).toContain('<testsuites name="tact lint" tests="3" failures="0" errors="0">');
    expect(out.match(/name="tact lint" file=/g)).toHaveLength(3);
  });
});
