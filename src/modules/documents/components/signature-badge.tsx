import { KitTag } from '@/ui/kit/tag';
import { DescList } from '@/ui/kit/desc-list';
import { formatDateTime } from '@/ui/format';
import type { SignatureCheck } from '../signing';

/** The tag's text for each state (tests and e2e look for these). */
export const SIGNATURE_LABELS = { 有效: '签名有效', 无效: '签名无效', 未签名: '未签名' } as const;

const THEMES = { 有效: 'success', 无效: 'danger', 未签名: 'default' } as const;

const errorText = { color: 'var(--td-error-color)' } as const;

/**
 * The 签发 signature of a document, checked on this request (`verifyDocumentSignature`): a green
 * 签名有效 / red 签名无效 (with the reason) / grey 未签名 tag, then the signer and the time signed.
 * A server component without tdesign imports (the page kit's Tag look).
 */
export function SignatureBadge({ check }: { check: SignatureCheck }) {
  const title = check.fingerprint ? `SM2 签名；签名密钥指纹（SM3）${check.fingerprint}` : undefined;
  return (
    <span className="lr-signature" data-testid="signature-badge" data-status={check.status}>
      <KitTag theme={THEMES[check.status]} title={title}>
        {SIGNATURE_LABELS[check.status]}
      </KitTag>
      {check.signerName && (
        <span className="lr-gap">
          {check.signerName}
          {check.signedAt && <span className="lr-muted lr-gap">{formatDateTime(check.signedAt)}</span>}
        </span>
      )}
      {check.status === '无效' && check.reason && (
        <span className="lr-gap" style={errorText} data-testid="signature-reason">
          {check.reason}
        </span>
      )}
    </span>
  );
}

/** The same facts as description rows, for a document page's 签发 block. */
export function SignatureDetails({ check, testId = 'signature-details' }: { check: SignatureCheck; testId?: string }) {
  return (
    <DescList
      testId={testId}
      column={2}
      items={[
        {
          label: '数字签名',
          content: (
            <KitTag theme={THEMES[check.status]}>{SIGNATURE_LABELS[check.status]}</KitTag>
          ),
          testId: 'signature-status',
        },
        { label: '签发人', content: check.signerName },
        { label: '签发时间', content: check.signedAt ? formatDateTime(check.signedAt) : null },
        {
          label: '签名密钥',
          content: check.fingerprint ? (
            <span title={check.fingerprint}>
              SM2 · 指纹 {check.fingerprint.slice(0, 16)}…{check.keyRevokedAt ? <span className="lr-muted lr-gap">（该密钥已于 {formatDateTime(check.keyRevokedAt)} 停用，签名仍以其验证）</span> : null}
            </span>
          ) : null,
        },
        ...(check.status === '无效' && check.reason ? [{ label: '无效原因', content: <span style={errorText}>{check.reason}</span>, span: 2, testId: 'signature-reason' }] : []),
      ]}
    />
  );
}
