import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn, updatedAt } from '../db/columns';
import type { FlowStepDef } from './definition';

/** One approval flow per kind of object (e.g. `发文:通知`, `合同变更`); the steps are data. */
export const flowDefinitions = pgTable(
  'flow_definitions',
  {
    id: idColumn(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    steps: jsonb('steps').$type<FlowStepDef[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: text('updated_by'),
    updatedByName: text('updated_by_name'),
  },
  (t) => [uniqueIndex('flow_definitions_kind_uq').on(t.kind)],
);

export const FLOW_STATUSES = ['进行中', '已完成', '已退回'] as const;
export type TFlowStatus = (typeof FLOW_STATUSES)[number];

/**
 * The flow of one object. It keeps the steps it started with (`definition`), so a definition
 * changed later does not move a running flow. `round` counts submissions: a return starts a new
 * round, and countersign approvals of an earlier round no longer count.
 */
export const flowInstances = pgTable(
  'flow_instances',
  {
    id: idColumn(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    kind: text('kind').notNull(),
    definition: jsonb('definition').$type<FlowStepDef[]>().notNull(),
    currentStepIndex: integer('current_step_index').notNull(),
    /** Copies of the current step's key and role, for the to-do queries (null when finished). */
    currentStepKey: text('current_step_key'),
    currentRoleId: text('current_role_id'),
    status: text('status', { enum: FLOW_STATUSES }).notNull(),
    round: integer('round').notNull().default(1),
    startedBy: text('started_by').notNull(),
    startedByName: text('started_by_name').notNull(),
    startedAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('flow_instances_object_uq').on(t.objectType, t.objectId),
    index('flow_instances_role_idx').on(t.currentRoleId, t.status),
    index('flow_instances_started_by_idx').on(t.startedBy, t.status),
    check('flow_instances_status_ck', sql`${t.status} in ('进行中', '已完成', '已退回')`),
  ],
);

export const FLOW_DECISIONS = ['通过', '退回'] as const;
export type TFlowDecision = (typeof FLOW_DECISIONS)[number];

/** Append-only history of a flow: who decided what at which step, with the opinion. */
export const flowActions = pgTable(
  'flow_actions',
  {
    id: idColumn(),
    instanceId: text('instance_id')
      .notNull()
      .references(() => flowInstances.id),
    round: integer('round').notNull(),
    stepKey: text('step_key').notNull(),
    stepName: text('step_name').notNull(),
    departmentId: text('department_id'),
    departmentName: text('department_name'),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    decision: text('decision', { enum: FLOW_DECISIONS }).notNull(),
    opinion: text('opinion'),
    at: timestamp('at', { withTimezone: true }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [
    index('flow_actions_instance_idx').on(t.instanceId, t.at),
    check('flow_actions_decision_ck', sql`${t.decision} in ('通过', '退回')`),
  ],
);
