import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import { DescList } from '@/ui/kit/desc-list';
import { formatDateTime } from '@/ui/format';
import { base32Encode, groupBase32, otpauthUri, TOTP_ALGORITHM_LABELS, type TTotpAlgorithm } from '@/platform/auth/totp';
import { qrPicture } from '@/platform/auth/totp-qr';
import type { TotpState } from '@/platform/auth/totp-store';
import { BeginTotpButton, ConfirmTotpForm } from './totp-enrol-client';

/** The name the token app shows above the code. */
const ISSUER = '土地储备管理系统';

const ALGORITHM_NOTES: Record<TTotpAlgorithm, string> = {
  SHA1: 'HMAC-SHA1 为 RFC 6238 通用算法，常见手机令牌应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP）均支持。',
  SM3: 'HMAC-SM3 为商用密码算法，须使用支持国密算法的动态令牌应用；多数通用手机令牌应用只支持 HMAC-SHA1，扫码后口令对不上时请联系安全管理员。',
};

function QrCode({ text }: { text: string }) {
  const qr = qrPicture(text);
  return (
    <svg
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={qr.size * 5}
      height={qr.size * 5}
      shapeRendering="crispEdges"
      role="img"
      aria-label="双因素认证绑定二维码"
      data-testid="totp-qr"
      style={{ background: '#fff', display: 'block' }}
    >
      <path d={qr.path} fill="#000" />
    </svg>
  );
}

/** Server-rendered: status, or the QR code and the Base32 secret of a pending enrolment; the buttons and the code form are islands. */
export function TotpPanel(props: { user: { username: string; totpPending: boolean }; state: TotpState; policyAlgorithm: TTotpAlgorithm }) {
  const { user, state } = props;
  const held = user.totpPending;
  return (
    <div style={{ maxWidth: 920 }} className="lr-stack">
      {held && (
        <KitAlert theme="warning" title="请先绑定动态口令" testId="totp-required">
          您担任的角色要求登录时使用动态口令（双因素认证）。绑定手机令牌之前，不能打开其他页面或办理其他操作。
        </KitAlert>
      )}
      <KitCard title="双因素认证（动态口令）" testId="totp-card">
        {state.enrolled ? (
          <>
            <DescList
              column={2}
              items={[
                { label: '状态', content: <span data-testid="totp-status">已绑定</span> },
                { label: '算法', content: state.algorithm ? TOTP_ALGORITHM_LABELS[state.algorithm] : '' },
                { label: '绑定时间', content: state.confirmedAt ? formatDateTime(state.confirmedAt) : '' },
                { label: '口令', content: '6 位数字，每 30 秒更新' },
              ]}
            />
            <p className="lr-muted">登录时在「动态口令」一栏输入手机令牌当前显示的口令；每个口令只能使用一次。手机丢失或更换时，请联系安全管理员重置后重新绑定。</p>
          </>
        ) : state.pending ? (
          <PendingEnrolment username={user.username} secret={state.pending.secret} algorithm={state.pending.algorithm} policyAlgorithm={props.policyAlgorithm} held={held} />
        ) : (
          <>
            <p>
              绑定后，登录时除密码外还须输入手机令牌上的 6 位动态口令（TOTP，RFC 6238），他人仅凭密码无法登录。当前策略的算法：
              <strong>{TOTP_ALGORITHM_LABELS[props.policyAlgorithm]}</strong>。
            </p>
            <p className="lr-muted">{ALGORITHM_NOTES[props.policyAlgorithm]}</p>
            <BeginTotpButton again={false} />
          </>
        )}
      </KitCard>
    </div>
  );
}

function PendingEnrolment(props: { username: string; secret: Buffer; algorithm: TTotpAlgorithm; policyAlgorithm: TTotpAlgorithm; held: boolean }) {
  const uri = otpauthUri({ issuer: ISSUER, account: props.username, secret: props.secret, algorithm: props.algorithm });
  return (
    <div style={{ display: 'flex', gap: 32, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div>
        <QrCode text={uri} />
      </div>
      <div style={{ flex: 1, minWidth: 320 }}>
        <ol style={{ paddingLeft: 20, marginTop: 0, lineHeight: 1.9 }}>
          <li>用手机令牌应用扫描左侧二维码；不能扫码时，手动添加账号并输入下方密钥。</li>
          <li>输入令牌显示的 6 位动态口令，点击「确认绑定」。</li>
        </ol>
        <DescList
          column={1}
          labelWidth={96}
          items={[
            { label: '账号', content: `${ISSUER}:${props.username}` },
            { label: '密钥', content: <code data-testid="totp-secret" style={{ fontSize: 14, whiteSpace: 'nowrap' }}>{groupBase32(base32Encode(props.secret))}</code> },
            { label: '算法', content: <span data-testid="totp-algorithm">{TOTP_ALGORITHM_LABELS[props.algorithm]}</span> },
            { label: '位数 / 周期', content: '6 位 / 30 秒（基于时间）' },
          ]}
        />
        <p className="lr-muted">{ALGORITHM_NOTES[props.algorithm]}</p>
        {props.algorithm !== props.policyAlgorithm && (
          <KitAlert theme="info" className="lr-gap-below">
            安全策略的算法已改为 {TOTP_ALGORITHM_LABELS[props.policyAlgorithm]}；如需使用新算法，请点击「重新生成密钥」。
          </KitAlert>
        )}
        <ConfirmTotpForm held={props.held} />
        <div style={{ marginTop: 16 }}>
          <BeginTotpButton again />
        </div>
      </div>
    </div>
  );
}
