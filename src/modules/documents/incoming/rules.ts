/**
 * 收文办理 rules, pure and client-safe: the labels, the state machine, who may take which step,
 * and the overdue rule. The mutations lock the document row and call `checkStep` with what they
 * read; the pages call the same functions to show only the steps the viewer can take.
 */

/** 公文种类 of incoming documents. (The 发文 part defines its own list: the integrator may unify them.) */
export const INCOMING_TYPES = ['请示', '报告', '通知', '函', '批复', '会议纪要', '决定', '意见', '其他'] as const;
export type TIncomingType = (typeof INCOMING_TYPES)[number];

/** 紧急程度, most urgent first. */
export const URGENCIES = ['特急', '加急', '平件'] as const;
export type TUrgency = (typeof URGENCIES)[number];

/** 密级 as the system handles it: only 公开 and 内部 (no classified documents in this system). */
export const SECRECY_LEVELS = ['公开', '内部'] as const;
export type TSecrecy = (typeof SECRECY_LEVELS)[number];

export const INCOMING_STATES = ['registered', 'proposed', 'instructed', 'handling', 'completed', 'archived'] as const;
export type TIncomingState = (typeof INCOMING_STATES)[number];

/** Each state named by what the document waits for. */
export const STATE_LABELS: Record<TIncomingState, string> = {
  registered: '待拟办',
  proposed: '待批示',
  instructed: '待分办',
  handling: '办理中',
  completed: '已办结',
  archived: '已归档',
};

export const ASSIGNMENT_STATUSES = ['pending', 'done', 'returned', 'reassigned'] as const;
export type TAssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<TAssignmentStatus, string> = {
  pending: '办理中',
  done: '已办理',
  returned: '已退回待重新分办',
  reassigned: '已退回（已重新分办）',
};

/** The steps of the handling, each with the permission it needs. */
export const STEPS = ['register', 'propose', 'instruct', 'assign', 'handle', 'return', 'complete', 'archive'] as const;
export type TStep = (typeof STEPS)[number];

export const STEP_LABELS: Record<TStep, string> = {
  register: '登记',
  propose: '拟办',
  instruct: '领导批示',
  assign: '分办',
  handle: '办理',
  return: '退回分办',
  complete: '办结',
  archive: '归档',
};

export const STEP_PERMISSIONS: Record<TStep, string> = {
  register: 'incoming:register',
  propose: 'incoming:propose',
  instruct: 'incoming:instruct',
  assign: 'incoming:assign',
  handle: 'incoming:handle',
  return: 'incoming:handle',
  complete: 'incoming:assign',
  archive: 'incoming:archive',
};

export interface AssignmentFacts {
  id: string;
  departmentId: string;
  status: TAssignmentStatus;
  dueOn: string;
}

export interface DocumentFacts {
  state: TIncomingState;
  assignments: readonly AssignmentFacts[];
}

export type StepCheck = { ok: true; to: TIncomingState } | { ok: false; message: string };

const no = (message: string): StepCheck => ({ ok: false, message });

/** Whether the document waits for a new 分办: first after 批示, again after a department returned its part. */
export function awaitsAssignment(doc: DocumentFacts): boolean {
  return doc.state === 'instructed' || (doc.state === 'handling' && doc.assignments.some((a) => a.status === 'returned'));
}

/** What is still missing before 办结, in words, or null when every part is done. */
export function completionProblem(doc: DocumentFacts): string | null {
  const live = doc.assignments.filter((a) => a.status !== 'reassigned');
  const pending = live.filter((a) => a.status === 'pending').length;
  const returned = live.filter((a) => a.status === 'returned').length;
  if (pending) return `还有 ${pending} 个科室未办理完毕，全部办理完毕后才能办结`;
  if (returned) return `有 ${returned} 个科室退回了分办，请先重新分办`;
  if (!live.some((a) => a.status === 'done')) return '尚无科室办理完毕，不能办结';
  return null;
}

/**
 * Whether `step` may be taken now on a document in this state (the department-level steps also
 * name the assignment). Out-of-turn and repeated steps get a message that says where the
 * document stands. Permissions and the department are checked by `actorProblem`.
 */
export function checkStep(step: Exclude<TStep, 'register'>, doc: DocumentFacts, assignment?: AssignmentFacts | null): StepCheck {
  const now = `该收文当前为「${STATE_LABELS[doc.state]}」`;
  switch (step) {
    case 'propose':
      if (doc.state !== 'registered') return no(doc.state === 'proposed' ? '该收文已拟办，不能重复拟办，请刷新后查看' : `${now}，不能拟办`);
      return { ok: true, to: 'proposed' };
    case 'instruct':
      if (doc.state === 'registered') return no('该收文尚未拟办，请先由办公室拟办，再呈领导批示');
      if (doc.state !== 'proposed') return no(doc.state === 'instructed' ? '该收文已有领导批示，不能重复批示，请刷新后查看' : `${now}，不能批示`);
      return { ok: true, to: 'instructed' };
    case 'assign':
      if (doc.state === 'registered' || doc.state === 'proposed') return no(`${now}，须先经拟办和领导批示后才能分办`);
      if (!awaitsAssignment(doc)) return no(doc.state === 'handling' ? '该收文已分办，没有退回的科室，不需要重新分办' : `${now}，不能分办`);
      return { ok: true, to: 'handling' };
    case 'handle':
    case 'return': {
      if (doc.state !== 'handling') return no(`${now}，不能${step === 'handle' ? '办理' : '退回'}`);
      if (!assignment) return no('分办记录不存在或已被删除，请刷新后重试');
      if (assignment.status === 'done') return no('本科室已办理完毕，不能重复办理，请刷新后查看');
      if (assignment.status !== 'pending') return no('本科室的分办已退回，不能再办理或退回，请刷新后查看');
      return { ok: true, to: 'handling' };
    }
    case 'complete': {
      if (doc.state === 'completed') return no('该收文已办结，不能重复办结，请刷新后查看');
      if (doc.state !== 'handling') return no(`${now}，不能办结`);
      const problem = completionProblem(doc);
      return problem ? no(problem) : { ok: true, to: 'completed' };
    }
    case 'archive':
      if (doc.state === 'archived') return no('该收文已归档，不能重复归档');
      if (doc.state !== 'completed') return no(`${now}，办结后才能归档`);
      return { ok: true, to: 'archived' };
  }
}

export interface StepActor {
  permissions: ReadonlySet<string>;
  departmentId: string | null;
}

/** Why this person may not take the step (permission; for 办理/退回 only their own department's part), or null. */
export function actorProblem(step: TStep, actor: StepActor, assignment?: { departmentId: string } | null): string | null {
  if (!actor.permissions.has(STEP_PERMISSIONS[step])) return `您没有${STEP_LABELS[step]}收文的权限`;
  if ((step === 'handle' || step === 'return') && assignment && assignment.departmentId !== actor.departmentId) {
    return '只能办理本科室的分办事项';
  }
  return null;
}

/**
 * Overdue: a part not yet done whose due date has passed (`today` in Asia/Shanghai, YYYY-MM-DD);
 * the due day itself is not overdue. Done, returned or reassigned parts are never overdue.
 */
export function isOverdue(a: { status: string; dueOn: string }, today: string): boolean {
  return a.status === 'pending' && a.dueOn < today;
}

/** Due within the reminder window (today … today + days) and not yet done. */
export function isDueSoon(a: { status: string; dueOn: string }, today: string, days: number): boolean {
  return a.status === 'pending' && a.dueOn >= today && a.dueOn <= addDays(today, days);
}

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 「逾期 3 天」/「今日到期」/「剩 2 天」 for a pending part; null for others. */
export function dueText(a: { status: string; dueOn: string }, today: string): string | null {
  if (a.status !== 'pending') return null;
  const d = daysBetween(today, a.dueOn);
  if (d < 0) return `逾期 ${-d} 天`;
  if (d === 0) return '今日到期';
  return `剩 ${d} 天`;
}

/** 收文编号 as shown: 收文〔2026〕12号. */
export function formatReceiptNo(year: number, seq: number): string {
  return `收文〔${year}〕${seq}号`;
}

/** The steps this person can take on the document now (buttons on its page). */
export function availableSteps(doc: DocumentFacts, actor: StepActor): { steps: Exclude<TStep, 'register' | 'handle' | 'return'>[]; myAssignments: AssignmentFacts[] } {
  const steps = (['propose', 'instruct', 'assign', 'complete', 'archive'] as const).filter(
    (s) => checkStep(s, doc).ok && actorProblem(s, actor) === null,
  );
  const myAssignments =
    doc.state === 'handling' && actor.permissions.has('incoming:handle')
      ? doc.assignments.filter((a) => a.status === 'pending' && a.departmentId === actor.departmentId)
      : [];
  return { steps, myAssignments };
}
