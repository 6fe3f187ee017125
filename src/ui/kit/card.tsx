import type { ReactNode } from 'react';

/** TDesign's Card look, rendered on the server (title, actions on the right, body). */
export function KitCard(props: { title?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`t-card lr-card${props.className ? ` ${props.className}` : ''}`} data-testid={props.testId}>
      {(props.title || props.actions) && (
        <div className="t-card__header">
          <div className="t-card__header-wrapper">
            <h2 className="t-card__title">{props.title}</h2>
          </div>
          {props.actions && <div className="t-card__actions">{props.actions}</div>}
        </div>
      )}
      <div className="t-card__body">{props.children}</div>
    </section>
  );
}
