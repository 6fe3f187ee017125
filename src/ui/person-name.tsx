import type { PersonLabel } from '@/platform/auth/people';

/** 「王经办 · 收储科」 for plain text (exports, joined lines, tooltips). */
export function personText(person: PersonLabel | null | undefined): string {
  if (!person) return '';
  return person.department ? `${person.name} · ${person.department}` : person.name;
}

/**
 * A person's name with their department in secondary text, on one line: too long for its column,
 * it is cut with an ellipsis and the whole text is in the tooltip. No tdesign import, so it
 * renders in server and client components alike.
 */
export function PersonName({ person, empty = '—' }: { person: PersonLabel | null | undefined; empty?: string }) {
  if (!person) return <span className="lr-muted">{empty}</span>;
  return (
    <span className="lr-person" title={personText(person)}>
      {person.name}
      {person.department && <span className="lr-person__dept">{person.department}</span>}
    </span>
  );
}
