/**
 * A 发文 as a printable HTML page in the GB/T 9704-2012 layout — the same parts and text as the
 * .docx (`docx.ts`), both laid out by `layout.ts`. A server component without client JavaScript:
 * on screen an A4 sheet centred on grey, printed with the browser's 打印 (Ctrl+P). Measurements and
 * their clauses are in `print.css`.
 *
 * Render it on a route outside the app shell (a layout with nothing but this), so the printout
 * carries the document only.
 */
import type { CSSProperties } from 'react';
import { layoutDocument, type BodyParagraph } from './layout';
import type { DocumentForRender } from './model';
import './print.css';

type Vars = CSSProperties & Record<`--${string}`, string | number>;

function Paragraph({ p }: { p: BodyParagraph }) {
  const leadClass = p.level === 1 ? 'gw-h1' : p.level === 2 ? 'gw-h2' : p.level === 3 ? 'gw-h3' : 'gw-h4';
  return (
    <p className="gw-text">
      {p.lead ? <span className={leadClass}>{p.lead}</span> : null}
      {p.rest}
    </p>
  );
}

export function DocumentPrintView({ doc }: { doc: DocumentForRender }) {
  const l = layoutDocument(doc);
  const { rows, nameWidth } = l.signers;
  const numbered = l.attachments.length > 1;
  return (
    <div className="gw-print">
      <p className="gw-screen-only gw-hint">用浏览器的「打印」（Ctrl+P）输出：纸张 A4，边距「默认」，缩放 100%。</p>
      <article className="gw-sheet" lang="zh-CN" aria-label={l.title.join('')}>
        <header className="gw-head" style={{ '--head-lines': l.head.length } as Vars}>
          {l.head.map((h) => (
            <p key={h.kind} className={`gw-line gw-${h.kind}`}>
              {h.text}
            </p>
          ))}
          <div className="gw-mark" style={{ '--mark-size': `${l.markSize.sizePt}pt`, '--mark-scale': l.markSize.scalePct / 100 } as Vars}>
            <span>{l.organMark}</span>
          </div>
          {l.upward ? (
            <div className="gw-number-row gw-upward">
              <span className="gw-number">{l.number}</span>
              <span className="gw-signers" style={{ '--name-width': nameWidth } as Vars}>
                <span className="gw-signers-label">签发人：</span>
                <span className="gw-signer-names">
                  {rows.flat().map((name, i) => (
                    <span key={i} className="gw-signer">
                      {name}
                    </span>
                  ))}
                </span>
              </span>
            </div>
          ) : (
            <div className="gw-number-row">
              <span className="gw-number">{l.number}</span>
            </div>
          )}
        </header>

        <h1 className="gw-title">
          {l.title.map((t, i) => (
            <span key={i} className="gw-title-line">
              {t}
            </span>
          ))}
        </h1>
        {l.recipients ? <p className="gw-recipients">{l.recipients}</p> : null}
        <div className="gw-body">
          {l.body.map((p, i) => (
            <Paragraph key={i} p={p} />
          ))}
        </div>
        {l.attachments.length ? (
          <div className="gw-attachments">
            {l.attachments.map((a, i) => (
              <p key={i} className="gw-attachment" style={{ '--first': i === 0 ? 2 : 5, '--start': numbered ? 6 : 5 } as Vars}>
                {a.label}
                {a.no}
                {a.title}
              </p>
            ))}
          </div>
        ) : null}
        <div className="gw-signature">
          <p className="gw-signature-org" style={{ '--right': l.signature.orgRight } as Vars}>
            {l.signatureOrg}
          </p>
          <p className="gw-date" style={{ '--right': l.signature.dateRight } as Vars}>
            {l.date}
          </p>
        </div>

        <footer className="gw-record">
          {l.copy ? <p className="gw-copy">{l.copy}</p> : null}
          <p className="gw-printing">
            <span className="gw-printing-org">{l.print.org}</span>
            <span className="gw-printing-date">{l.print.date}</span>
          </p>
        </footer>
      </article>
    </div>
  );
}
