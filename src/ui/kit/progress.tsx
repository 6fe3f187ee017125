import 'tdesign-react/es/progress/style/index.css';

/**
 * TDesign's thin Progress bar on the server (targets against actuals in a table cell): the bar
 * is clamped to 0–100, the label says what the bar cannot (over 100%, or no target at all).
 */
export function KitProgress(props: { percent: number; label?: string; status?: 'success' | 'warning' | 'error'; testId?: string }) {
  const width = Math.min(100, Math.max(0, props.percent));
  return (
    <div className="t-progress lr-progress" data-testid={props.testId} role="progressbar" aria-valuenow={width} aria-valuemin={0} aria-valuemax={100}>
      <div className={`t-progress--thin${props.status ? ` t-progress--status--${props.status}` : ''}`}>
        <div className="t-progress__bar">
          <div className="t-progress__inner" style={{ width: `${width}%` }} />
        </div>
        <div className="t-progress__info">{props.label ?? `${width}%`}</div>
      </div>
    </div>
  );
}
