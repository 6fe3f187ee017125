import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { sm3Hex } from '../../src/platform/crypto/sm';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../../src/platform/crypto/sm2';
import { canonicalSignPayload, parseSignPayload, type SignPayloadFields } from '../../src/modules/documents/signing';
import { SignatureBadge, SignatureDetails } from '../../src/modules/documents/components/signature-badge';

const A1 = sm3Hex('附件一');
const A2 = sm3Hex('附件二');
const FIELDS: SignPayloadFields = {
  number: '益土储发〔2026〕12号',
  title: '关于下达2026年度土地储备计划的通知',
  bodySm3: sm3Hex('各有关单位：\n现将计划下达给你们，请认真贯彻执行。'),
  attachmentSm3s: [A2, A1],
  signerId: '01JABCDEF0123456789ABCDEFG',
  signerName: '张主任',
  signedAt: '2026-12-07T01:30:00.000Z',
};

describe('canonical 签发 payload', () => {
  it('is one JSON line with a fixed key order, no whitespace, attachments sorted', () => {
    const sorted = [A1, A2].sort();
    expect(canonicalSignPayload(FIELDS)).toBe(
      `{"format":"lr-document-sign/1","number":"益土储发〔2026〕12号","title":"关于下达2026年度土地储备计划的通知","bodySm3":"${FIELDS.bodySm3}","attachmentSm3s":["${sorted[0]}","${sorted[1]}"],"signerId":"01JABCDEF0123456789ABCDEFG","signerName":"张主任","signedAt":"2026-12-07T01:30:00.000Z"}`,
    );
    // The order attachments were given in, and the case of the hex, do not matter; the keys' order in the input does not either.
    const shuffled = { signedAt: FIELDS.signedAt, signerName: FIELDS.signerName, signerId: FIELDS.signerId, attachmentSm3s: [A1.toUpperCase(), A2], bodySm3: FIELDS.bodySm3, title: FIELDS.title, number: FIELDS.number };
    expect(canonicalSignPayload(shuffled)).toBe(canonicalSignPayload(FIELDS));
    expect(canonicalSignPayload({ ...FIELDS, title: '含"引号"与\\反斜杠\n换行' })).toContain('"title":"含\\"引号\\"与\\\\反斜杠\\n换行"');
  });

  it('refuses digests that are not SM3 hex and times that are not ISO UTC', () => {
    expect(() => canonicalSignPayload({ ...FIELDS, bodySm3: 'abc' })).toThrow();
    expect(() => canonicalSignPayload({ ...FIELDS, attachmentSm3s: ['1234'] })).toThrow();
    expect(() => canonicalSignPayload({ ...FIELDS, signedAt: '2026-12-07 09:30' })).toThrow();
  });

  it('parses back only its own canonical form', () => {
    const text = canonicalSignPayload(FIELDS);
    expect(parseSignPayload(text)).toMatchObject({ ...FIELDS, attachmentSm3s: [A1, A2].sort() });
    expect(parseSignPayload(text.replace('{"format"', '{ "format"'))).toBeNull();
    expect(parseSignPayload(text.replace('lr-document-sign/1', 'other/1'))).toBeNull();
    expect(parseSignPayload('not json')).toBeNull();
  });

  it('a signature over it fails when the title, body, number, an attachment digest or the signer changes', () => {
    const { privateKeyPem, publicKeyPem } = generateSm2KeyPair();
    const signed = canonicalSignPayload(FIELDS);
    const sig = sm2Sign(privateKeyPem, signed);
    expect(sm2Verify(publicKeyPem, signed, sig)).toBe(true);
    const tampered: Partial<SignPayloadFields>[] = [
      { title: `${FIELDS.title}（修订）` },
      { bodySm3: sm3Hex('各有关单位：\n现将计划下达给你们，请认真贯彻执行！') },
      { number: '益土储发〔2026〕13号' },
      { attachmentSm3s: [A1, sm3Hex('附件二（改）')] },
      { attachmentSm3s: [A1] },
      { signerId: '01JABCDEF0123456789ABCDEFH' },
      { signerName: '李主任' },
      { signedAt: '2026-12-07T01:30:00.001Z' },
    ];
    for (const change of tampered) {
      const text = canonicalSignPayload({ ...FIELDS, ...change });
      expect(text).not.toBe(signed);
      expect(sm2Verify(publicKeyPem, text, sig), JSON.stringify(change)).toBe(false);
    }
  });
});

describe('SignatureBadge', () => {
  const at = new Date('2026-12-07T01:30:00.000Z');
  it('shows 签名有效 in green with the signer and the time (Beijing time)', () => {
    const html = renderToStaticMarkup(createElement(SignatureBadge, { check: { status: '有效', signerName: '张主任', signedAt: at, fingerprint: 'ab'.repeat(32) } }));
    expect(html).toContain('t-tag--success');
    expect(html).toContain('签名有效');
    expect(html).toContain('张主任');
    expect(html).toContain('2026-12-07 09:30:00');
    expect(html).not.toContain('signature-reason');
  });
  it('shows 签名无效 in red with the reason, and 未签名 plainly', () => {
    const bad = renderToStaticMarkup(createElement(SignatureBadge, { check: { status: '无效', signerName: '张主任', signedAt: at, reason: '公文的正文在签发后被改动' } }));
    expect(bad).toContain('t-tag--danger');
    expect(bad).toContain('签名无效');
    expect(bad).toContain('公文的正文在签发后被改动');
    const none = renderToStaticMarkup(createElement(SignatureBadge, { check: { status: '未签名', signerName: null, signedAt: null } }));
    expect(none).toContain('t-tag--default');
    expect(none).toContain('未签名');
    const details = renderToStaticMarkup(createElement(SignatureDetails, { check: { status: '无效', signerName: '张主任', signedAt: at, reason: '签名值与签发人公钥不符', fingerprint: 'cd'.repeat(32), keyRevokedAt: at } }));
    expect(details).toContain('无效原因');
    expect(details).toContain('签名值与签发人公钥不符');
    expect(details).toContain('已于 2026-12-07 09:30:00 停用');
  });
});
