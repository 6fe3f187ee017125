import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const area = (name: string) => numeric(name, { precision: 14, scale: 2 });

/** Reserve projects: 1..n parcels, a plan, an acquisition route, cost and expected income. */
export const reserveProjects = pgTable(
  'reserve_projects',
  {
    id: idColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    zone: text('zone'),
    planId: text('plan_id'),
    acquisitionRoute: text('acquisition_route').notNull(),
    implDocNo: text('impl_doc_no'),
    estimatedCost: money('estimated_cost').notNull().default('0'),
    expectedIncome: money('expected_income').notNull().default('0'),
    nationalCode: text('national_code'),
    status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
    note: text('note'),
    createdBy: text('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reserve_projects_code_uq').on(t.code),
    index('reserve_projects_plan_idx').on(t.planId),
    check('reserve_projects_route_ck', sql`${t.acquisitionRoute} in ('收回', '收购', '征收', '优先购买')`),
    check('reserve_projects_status_ck', sql`${t.status} in ('active', 'closed')`),
  ],
);

/**
 * Parcels. `stage`, `stage_since` and `version` cache what the events say (the events are the
 * record); every transition updates them in the same transaction, guarded by `version`.
 */
export const parcels = pgTable(
  'parcels',
  {
    id: idColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    supervisionNo: text('supervision_no'),
    location: text('location'),
    districtCode: text('district_code'),
    projectId: text('project_id').notNull(),
    geometry: jsonb('geometry'),
    minLon: doublePrecision('min_lon'),
    minLat: doublePrecision('min_lat'),
    maxLon: doublePrecision('max_lon'),
    maxLat: doublePrecision('max_lat'),
    centerLon: doublePrecision('center_lon'),
    centerLat: doublePrecision('center_lat'),
    areaM2: area('area_m2').notNull().default('0'),
    currentUse: text('current_use'),
    plannedUse: text('planned_use'),
    plotRatio: numeric('plot_ratio', { precision: 6, scale: 2 }),
    servicing: text('servicing'),
    titleCertNo: text('title_cert_no'),
    titleRegisteredOn: date('title_registered_on', { mode: 'string' }),
    hazardSoil: text('hazard_soil').notNull().default('未查'),
    hazardRelics: text('hazard_relics').notNull().default('未查'),
    hazardMinerals: text('hazard_minerals').notNull().default('未查'),
    hazardFlood: text('hazard_flood').notNull().default('未查'),
    hazardGeology: text('hazard_geology').notNull().default('未查'),
    /** Why a check is 不涉及 (required with that result). */
    hazardSoilReason: text('hazard_soil_reason'),
    hazardRelicsReason: text('hazard_relics_reason'),
    hazardMineralsReason: text('hazard_minerals_reason'),
    hazardFloodReason: text('hazard_flood_reason'),
    hazardGeologyReason: text('hazard_geology_reason'),
    /** 土壤污染重点监管单位生产经营用地 (土壤污染防治法 第67条: the survey is then required). */
    soilKeySupervised: boolean('soil_key_supervised').notNull().default(false),
    /** The document the land is taken under: 征地批复 (征收), 收回决定书 (收回), 收购/优先购买协议. */
    acquisitionDocNo: text('acquisition_doc_no'),
    custodyMode: text('custody_mode'),
    custodian: text('custodian'),
    tempUseStart: date('temp_use_start', { mode: 'string' }),
    tempUseEnd: date('temp_use_end', { mode: 'string' }),
    /** Temporary use (R17): the land authority's consent, the use, "no permanent structures", when it actually ended. */
    tempUseConsentNo: text('temp_use_consent_no'),
    tempUsePurpose: text('temp_use_purpose'),
    tempUseNoPermanent: boolean('temp_use_no_permanent'),
    tempUseEndedOn: date('temp_use_ended_on', { mode: 'string' }),
    stage: text('stage').notNull().default('拟收储'),
    stageSince: date('stage_since', { mode: 'string' }).notNull(),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('parcels_code_uq').on(t.code),
    index('parcels_project_idx').on(t.projectId),
    index('parcels_stage_idx').on(t.stage),
    index('parcels_district_idx').on(t.districtCode),
    index('parcels_bbox_idx').on(t.minLon, t.minLat, t.maxLon, t.maxLat),
    check('parcels_stage_ck', sql`${t.stage} in ('拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '终止')`),
  ],
);

/** The lifecycle record: one row per transition (and per aborted trade). */
export const parcelEvents = pgTable(
  'parcel_events',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    seq: integer('seq').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    amount: money('amount'),
    docNo: text('doc_no'),
    reason: text('reason'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('parcel_events_parcel_seq_uq').on(t.parcelId, t.seq), index('parcel_events_date_idx').on(t.eventDate, t.toStage)],
);

/** Households and entities compensated on a parcel; ID number and phone SM4-encrypted. */
export const compensationParties = pgTable(
  'compensation_parties',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    partyType: text('party_type').notNull(),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    agreementNo: text('agreement_no'),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    amountAgreed: money('amount_agreed').notNull().default('0'),
    amountPaid: money('amount_paid').notNull().default('0'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('compensation_parties_parcel_idx').on(t.parcelId)],
);

export const compensationItems = pgTable(
  'compensation_items',
  {
    id: idColumn(),
    partyId: text('party_id').notNull(),
    parcelId: text('parcel_id').notNull(),
    category: text('category').notNull(),
    amount: money('amount').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('compensation_items_party_idx').on(t.partyId), index('compensation_items_parcel_idx').on(t.parcelId)],
);

/**
 * Acquisition costs of a parcel that are owed to no compensated party: taxes, fees, appraisal and
 * contingency (ACQUISITION_COST_CATEGORIES). Not part of any agreement, not counted in 补偿到位.
 */
export const parcelCosts = pgTable(
  'parcel_costs',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    category: text('category').notNull(),
    amount: money('amount').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('parcel_costs_parcel_idx').on(t.parcelId),
    check('parcel_costs_category_ck', sql`${t.category} in ('耕地开垦费', '耕地占用税', '评估费', '不可预见费')`),
  ],
);

/** Pre-development work packages (通/平). */
export const workPackages = pgTable(
  'work_packages',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    workType: text('work_type').notNull(),
    contractor: text('contractor'),
    supervisor: text('supervisor'),
    contractNo: text('contract_no'),
    contractAmount: money('contract_amount').notNull().default('0'),
    progress: integer('progress').notNull().default(0),
    startedOn: date('started_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    updatedOn: date('updated_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('work_packages_parcel_idx').on(t.parcelId), check('work_packages_progress_ck', sql`${t.progress} between 0 and 100`)],
);

/** Custody patrols (管护巡查). */
export const custodyInspections = pgTable(
  'custody_inspections',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    inspector: text('inspector').notNull(),
    findings: text('findings'),
    rectification: text('rectification'),
    rectifiedOn: date('rectified_on', { mode: 'string' }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('custody_inspections_parcel_idx').on(t.parcelId, t.inspectedOn)],
);

/** Supply (供应) records; an aborted trade keeps its row with status 中止. */
export const supplies = pgTable(
  'supplies',
  {
    id: idColumn(),
    parcelId: text('parcel_id').notNull(),
    mode: text('mode').notNull(),
    noticeDate: date('notice_date', { mode: 'string' }),
    /** 招标 投标开始日 / 拍卖 拍卖日 / 挂牌 挂牌起始日 (令39号 第十条 counts the notice lead to it). */
    bidStartDate: date('bid_start_date', { mode: 'string' }),
    /** 挂牌截止日 (令39号 第十九条: at least 10 days after the start). */
    listingEndDate: date('listing_end_date', { mode: 'string' }),
    /** 划拨: the 《划拨用地目录》 item relied on, e.g. （五）非营利性教育设施用地. */
    allocationCategory: text('allocation_category'),
    /** 协议: 基准地价 of the parcel's grade, 元/m² (the 协议 price is checked against it). */
    benchmarkPrice: money('benchmark_price'),
    /** Warnings acknowledged when the supply was recorded: [{ code, message, rule }] (built in code). */
    warnings: jsonb('warnings'),
    startingPrice: money('starting_price'),
    dealPrice: money('deal_price'),
    transferee: text('transferee'),
    contractNo: text('contract_no'),
    dealDate: date('deal_date', { mode: 'string' }),
    handoverDate: date('handover_date', { mode: 'string' }),
    status: text('status').notNull().default('成交'),
    createdAt: createdAt(),
  },
  (t) => [index('supplies_parcel_idx').on(t.parcelId), check('supplies_status_ck', sql`${t.status} in ('成交', '中止')`)],
);

/** Stored-file metadata lives in the platform (shared with the funds ledger); re-exported here. */
export { attachments } from '@/platform/storage/schema';

