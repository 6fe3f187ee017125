import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { withActors, type PersonLabel } from '@/platform/auth/people';
import { parcelEvents } from '../schema';
import { checkTransition, nextStages, RULE_SOURCES, type GuardProblem, type TTransitionKind } from '../rules';
import { startDocRequirement } from '../rules/acquisition';
import type { TStage } from '../stages';
import { gatherTransitionFacts, loadParcelForTransition } from './facts';
import { listAttachments } from '../custody/attachments';
import { EVENT_OWNER } from './documents';

export interface ParcelEventView {
  id: string;
  seq: number;
  fromStage: string | null;
  toStage: string;
  eventDate: string;
  actor: PersonLabel | null;
  amount: string | null;
  docNo: string | null;
  reason: string | null;
  note: string | null;
  documents: { id: string; fileName: string; url: string }[];
}

export async function listParcelEvents(db: Db, parcelId: string): Promise<ParcelEventView[]> {
  const rows = await db
    .select({
      id: parcelEvents.id,
      seq: parcelEvents.seq,
      fromStage: parcelEvents.fromStage,
      toStage: parcelEvents.toStage,
      eventDate: parcelEvents.eventDate,
      actorId: parcelEvents.actorId,
      actorName: parcelEvents.actorName,
      amount: parcelEvents.amount,
      docNo: parcelEvents.docNo,
      reason: parcelEvents.reason,
      note: parcelEvents.note,
    })
    .from(parcelEvents)
    .where(eq(parcelEvents.parcelId, parcelId))
    .orderBy(asc(parcelEvents.seq));
  const docs = await listAttachments(db, EVENT_OWNER, rows.map((r) => r.id));
  return (await withActors(db, rows)).map((r) => ({
    ...r,
    documents: docs.filter((d) => d.ownerId === r.id).map((d) => ({ id: d.id, fileName: d.fileName, url: d.url })),
  }));
}

export interface NextStepView {
  to: TStage;
  kind: TTransitionKind;
  label: string;
  /** What still blocks this step today, from the records (form fields such as the supply terms aside). */
  blockers: GuardProblem[];
  /** 启动收储: whether the dialog must carry a government approval number, and why (with its rule). */
  docNeed?: { required: boolean; note: string; rule: string };
}

/** Problems about what the form itself supplies (date, reason, document, supply terms) are not blockers yet. */
const FORM_PROBLEM = /^(date|event-date|reason|supply|start-doc)/;

export async function getLifecycleOverview(db: Db, parcelId: string, today: string) {
  const parcel = await loadParcelForTransition(db, parcelId, false);
  if (!parcel) return null;
  const facts = await gatherTransitionFacts(db, parcel, { eventDate: today, reason: '（预检）' });
  const steps: NextStepView[] = nextStages(parcel.stage).map((s) => {
    const verdict = checkTransition(parcel.stage, s.to, facts);
    const blockers = verdict.ok ? [] : verdict.problems.filter((p) => !FORM_PROBLEM.test(p.code));
    if (s.to !== '收储中') return { ...s, blockers };
    return { ...s, blockers, docNeed: { ...startDocRequirement(facts.plan, today), rule: RULE_SOURCES.startAcquisition } };
  });
  return {
    parcel: { id: parcel.id, code: parcel.code, name: parcel.name, stage: parcel.stage, stageSince: parcel.stageSince, version: parcel.version },
    lastEventDate: facts.lastEventDate,
    supplyContext: facts.supplyContext ?? null,
    steps,
    events: await listParcelEvents(db, parcelId),
  };
}
