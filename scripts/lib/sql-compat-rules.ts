/**
 * SQL compatibility rules (openGauss / KingbaseES, see /work/shared/COMPAT.md) and the pure
 * linting entry points `lintSqlText` (migration .sql files) and `lintTsText` (TypeScript).
 */
import {
  COMMENT, STRING, byteLength, lineAt, lineStarts, markerIn, maskSql, matchingParen, unquoteIdent,
  type Span,
} from './sql-compat-scan';
import { scanTs } from './sql-compat-ts';

export const RULES = {
  'identity-column': ['禁止标识列 GENERATED … AS IDENTITY，主键请在应用中生成或使用 serial', 'identity columns are not supported by openGauss'],
  'uuid-generator': ['禁止在数据库中生成 UUID（gen_random_uuid / uuid_generate_v4 / defaultRandom），请用 $defaultFn 在代码中生成', 'openGauss has no UUID generator; generate ids in code'],
  'on-conflict': ['禁止 ON CONFLICT / onConflictDo*，请使用统一的 upsert 辅助函数（事务 + SELECT … FOR UPDATE）', 'ON CONFLICT is not supported by openGauss'],
  lateral: ['禁止 LATERAL 连接，请改用显式 JOIN 或二次查询', 'LATERAL is not supported by openGauss 3.x–6.0'],
  'relational-query': ['禁止 drizzle 关系查询 .query.*.findMany/findFirst（会生成 LATERAL + json_agg），请用显式 JOIN 或 inArray 二次查询', 'relational queries emit LATERAL joins and json_agg'],
  'jsonb-function': ['禁止在 SQL 中构造 JSON（jsonb_build_object、json_agg、to_jsonb、jsonb_set 等），请在代码中构造后整体写入', 'JSON builder functions are missing on openGauss'],
  'jsonb-concat': ['禁止 jsonb 的 || 拼接与 - 删除，请在代码中修改后整体写入', 'jsonb || and - operators are missing on openGauss'],
  'aggregate-filter': ['禁止聚合 FILTER (WHERE …)，请用 count(case when … then 1 end) / sum(case …)', 'aggregate FILTER needs openGauss 6.0+'],
  'nulls-not-distinct': ['禁止 NULLS NOT DISTINCT', 'NULLS NOT DISTINCT is not supported by openGauss'],
  concurrently: ['禁止 CONCURRENTLY（迁移在单个事务中执行）', 'CONCURRENTLY cannot run inside the migration transaction'],
  'if-not-exists': ['仅允许 CREATE TABLE IF NOT EXISTS，索引/列/模式/序列等不得使用 IF NOT EXISTS', 'IF NOT EXISTS is only allowed on CREATE TABLE'],
  'listen-notify': ['禁止 LISTEN / NOTIFY，请改为轮询', 'LISTEN/NOTIFY are not supported by openGauss; poll instead'],
  'full-text-search': ['禁止数据库全文检索（to_tsvector、to_tsquery、@@），请用 LIKE/ILIKE 或在代码中检索', 'database full-text search differs on openGauss'],
  postgis: ['禁止 PostGIS（ST_* 函数、geometry/geography 类型），请用 jsonb 存 GeoJSON 并配合 bbox 列', 'PostGIS is not available; use GeoJSON in jsonb plus bbox columns'],
  'create-extension': ['禁止 CREATE EXTENSION，生产数据库不保证提供扩展', 'extensions are not available on the production databases'],
  'enum-type': ['禁止枚举类型（CREATE TYPE … AS ENUM / pgEnum），请用 text + CHECK 或字典表', 'use text + CHECK instead of enum types'],
  'reserved-word': ['表名或列名使用了 openGauss 保留字', 'table or column name is an openGauss reserved word'],
  'identifier-too-long': ['标识符超过 63 字节，会被数据库截断', 'identifier longer than 63 bytes'],
  'empty-compat-ok': ['compat-ok 豁免标记必须写明理由', 'compat-ok marker needs a non-empty reason'],
} as const satisfies Record<string, readonly [string, string]>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'authid', 'buckets', 'excluded', 'groupparent', 'less', 'maxvalue', 'minus', 'modify', 'nocycle',
  'performance', 'procedure', 'reject', 'rownum', 'shrink', 'sysdate', 'verify',
]);

export interface Finding {
  file: string;
  line: number;
  ruleId: RuleId;
  /** The offending text (trimmed, for diagnostics). */
  match: string;
}

export interface Hit {
  offset: number;
  ruleId: RuleId;
  match: string;
}

type View = 'bare' | 'code' | 'literal';

const SQL_PATTERNS: ReadonlyArray<readonly [RuleId, View, RegExp]> = [
  ['identity-column', 'bare', /\bGENERATED\s+(?:ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b/gi],
  ['uuid-generator', 'bare', /\b(?:gen_random_uuid|uuid_generate_v[14])\s*\(/gi],
  ['on-conflict', 'bare', /\bON\s+CONFLICT\b/gi],
  ['lateral', 'bare', /\bLATERAL\b/gi],
  ['jsonb-function', 'bare', /\b(?:jsonb_build_object|jsonb_build_array|jsonb_agg|jsonb_object_agg|to_jsonb|jsonb_set|jsonb_insert|json_agg|json_build_object|json_build_array|json_object_agg)\s*\(/gi],
  ['jsonb-concat', 'bare', /::\s*jsonb\s*\|\|/gi],
  ['jsonb-concat', 'literal', /\|\|\s*'\{/g],
  ['aggregate-filter', 'bare', /\bFILTER\s*\(\s*WHERE\b/gi],
  ['nulls-not-distinct', 'bare', /\bNULLS\s+NOT\s+DISTINCT\b/gi],
  ['concurrently', 'bare', /\bCONCURRENTLY\b/gi],
  ['listen-notify', 'bare', /\b(?:UN)?LISTEN\b|\bNOTIFY\b|\bpg_notify\s*\(/gi],
  ['full-text-search', 'bare', /\b(?:to_tsvector|(?:plain|phrase|websearch_)?to_tsquery|ts_rank(?:_cd)?)\s*\(|@@/gi],
  ['postgis', 'bare', /\bST_\w+\s*\(|\b(?:geometry|geography)\s*\(|\bgeography\b|\bTYPE\s+(?:\w+\s*\.\s*)?geometry\b/gi],
  ['create-extension', 'bare', /\bCREATE\s+EXTENSION\b/gi],
  ['enum-type', 'code', /\bCREATE\s+TYPE\s+(?:"[^"]*"|[\w.]+)(?:\s*\.\s*(?:"[^"]*"|\w+))?\s+AS\s+ENUM\b/gi],
];

const CREATE_TABLE_PREFIX = /\bCREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s*$/i;

function patternHits(views: Record<View, string>, classes: Uint8Array, hits: Hit[]): void {
  for (const [ruleId, view, re] of SQL_PATTERNS) {
    for (const m of views[view].matchAll(re)) {
      const cls = classes[m.index];
      if (cls === COMMENT || cls === STRING) continue;
      hits.push({ offset: m.index, ruleId, match: m[0] });
    }
  }
  for (const m of views.bare.matchAll(/\bIF\s+NOT\s+EXISTS\b/gi)) {
    const before = views.bare.slice(Math.max(0, m.index - 120), m.index).trimEnd();
    if (!CREATE_TABLE_PREFIX.test(before)) hits.push({ offset: m.index, ruleId: 'if-not-exists', match: m[0] });
  }
}

const NAME = '(?:"(?:[^"]|"")*"|\\w+)';
const TYPE = '((?:"?\\w+"?\\s*\\.\\s*)?"?\\w+"?)';
const CREATE_TABLE = new RegExp(
  `\\bCREATE\\s+(?:\\w+\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:${NAME}\\s*\\.\\s*)?(${NAME})\\s*\\(`,
  'gi',
);
const COLUMN_DEF = new RegExp(`^\\s*(${NAME})(?:\\s+${TYPE})?`, 'i');
const ALTER_NAME = new RegExp(
  `\\b(?:ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?|RENAME\\s+(?:COLUMN\\s+)?${NAME}\\s+TO\\s+|RENAME\\s+TO\\s+)(${NAME})(?:\\s+${TYPE})?`,
  'gi',
);

/** Identifier rules on the `code` view (strings and comments blanked, quoted identifiers kept). */
function identifierHits(code: string, hits: Hit[]): void {
  for (const m of code.matchAll(/"(?:[^"]|"")*"/g)) {
    const name = unquoteIdent(m[0]);
    if (RESERVED_WORDS.has(name.toLowerCase())) hits.push({ offset: m.index, ruleId: 'reserved-word', match: m[0] });
    if (byteLength(name) > 63) hits.push({ offset: m.index, ruleId: 'identifier-too-long', match: m[0] });
  }
  // A declared name (unquoted: reserved-word check; quoted ones are covered above) and its type.
  const declared = (offset: number, name: string, type: string | undefined): void => {
    if (!name.startsWith('"') && RESERVED_WORDS.has(name.toLowerCase())) {
      hits.push({ offset, ruleId: 'reserved-word', match: name });
    }
    const bareType = (type ?? '').replace(/"/g, '').replace(/^.*\./, '').toLowerCase();
    if (bareType === 'geometry' || bareType === 'geography') hits.push({ offset, ruleId: 'postgis', match: type ?? '' });
  };
  for (const m of code.matchAll(CREATE_TABLE)) {
    declared(m.index + m[0].lastIndexOf(m[1]), m[1], undefined);
    const open = m.index + m[0].length - 1;
    const close = matchingParen(code, open);
    const stop = close < 0 ? code.length : close;
    let depth = 0;
    let elementStart = open + 1;
    for (let i = open + 1; i <= stop; i++) {
      const ch = code[i];
      if (i === stop || (ch === ',' && depth === 0)) {
        const el = COLUMN_DEF.exec(code.slice(elementStart, i));
        if (el) declared(elementStart + el[0].indexOf(el[1]), el[1], el[2]);
        elementStart = i + 1;
      } else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
  }
  for (const m of code.matchAll(ALTER_NAME)) declared(m.index + m[0].lastIndexOf(m[1]), m[1], m[2]);
}

/** Rule hits of one piece of SQL, offsets relative to `sql`; also returns its comment spans. */
export function scanSql(sql: string): { hits: Hit[]; comments: Span[] } {
  const v = maskSql(sql);
  const hits: Hit[] = [];
  patternHits({ bare: v.bare, code: v.code, literal: v.literal }, v.classes, hits);
  identifierHits(v.code, hits);
  return { hits, comments: v.comments };
}

/** Converts hits to findings: line numbers, `compat-ok` suppression, de-duplication, order. */
function finish(text: string, file: string, hits: Hit[], comments: Span[]): Finding[] {
  const starts = lineStarts(text);
  const suppressed = new Set<number>();
  const all: Hit[] = [...hits];
  for (const c of comments) {
    const marker = markerIn(text.slice(c.start, c.end), c.start);
    if (!marker) continue;
    if (marker.reason === '') {
      all.push({ offset: marker.offset, ruleId: 'empty-compat-ok', match: 'compat-ok:' });
      continue;
    }
    const line = lineAt(starts, marker.offset);
    suppressed.add(line);
    suppressed.add(line + 1);
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const h of all) {
    const line = lineAt(starts, h.offset);
    if (h.ruleId !== 'empty-compat-ok' && suppressed.has(line)) continue;
    const key = `${line}\u0000${h.ruleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ file, line, ruleId: h.ruleId, match: h.match.replace(/\s+/g, ' ').trim() });
  }
  return findings.sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

/** Lints a migration SQL file. */
export function lintSqlText(text: string, file: string): Finding[] {
  const { hits, comments } = scanSql(text);
  return finish(text, file, hits, comments);
}

const TS_CALL_PATTERNS: ReadonlyArray<readonly [RuleId, RegExp]> = [
  ['on-conflict', /\.\s*onConflictDo(?:Nothing|Update)\s*\(/g],
  ['uuid-generator', /\.\s*defaultRandom\s*\(/g],
  ['identity-column', /\bgenerated(?:Always|ByDefault)AsIdentity\s*\(/g],
  ['relational-query', /\.\s*query\s*\.\s*[\w$]+\s*\.\s*find(?:Many|First)\s*\(/g],
  ['nulls-not-distinct', /\.\s*nullsNotDistinct\s*\(/g],
  ['concurrently', /\.\s*concurrently\s*\(/g],
  ['enum-type', /(?<![\w$.])pgEnum\s*\(/g],
  ['postgis', /(?<![\w$.])(?:geometry|geography)\s*(?:<[^>]*>)?\s*\(/g],
];

const COLUMN_BUILDERS = [
  'text', 'varchar', 'char', 'integer', 'smallint', 'bigint', 'serial', 'smallserial', 'bigserial', 'boolean',
  'timestamp', 'date', 'time', 'interval', 'numeric', 'decimal', 'real', 'doublePrecision', 'json', 'jsonb',
  'uuid', 'inet', 'cidr', 'macaddr', 'macaddr8', 'bytea', 'point', 'line', 'vector', 'bit',
];
const TABLE_BUILDERS = ['pgTable', 'pgView', 'pgMaterializedView', 'pgSequence', 'pgSchema', 'pgEnum'];
const OTHER_NAMED = ['index', 'uniqueIndex', 'unique', 'check', 'foreignKey', 'primaryKey'];
const NAMED_CALL = new RegExp(
  `(?<![\\w$.])(${[...COLUMN_BUILDERS, ...TABLE_BUILDERS, ...OTHER_NAMED].join('|')})\\s*(?:<[^>]*>)?\\s*\\(\\s*(['"\`])([^'"\`\\n]*)\\2`,
  'g',
);
const KEY_NAMED_COLUMN = new RegExp(
  `(?<![\\w$.])([\\w$]+)\\s*:\\s*(?:${COLUMN_BUILDERS.join('|')})\\s*(?:<[^>]*>)?\\s*\\(\\s*[){]`,
  'g',
);

/** Lints a TypeScript file: raw SQL in sql`...` / sql.raw(...) and drizzle builder calls. */
export function lintTsText(text: string, file: string): Finding[] {
  const scan = scanTs(text);
  const hits: Hit[] = [];
  const comments: Span[] = [...scan.comments];
  for (const seg of scan.segments) {
    const r = scanSql(seg.text);
    for (const h of r.hits) hits.push({ ...h, offset: h.offset + seg.start });
    for (const c of r.comments) comments.push({ start: c.start + seg.start, end: c.end + seg.start });
  }
  for (const [ruleId, re] of TS_CALL_PATTERNS) {
    for (const m of scan.codeView.matchAll(re)) hits.push({ offset: m.index, ruleId, match: m[0] });
  }
  const isCode = (offset: number): boolean => scan.codeView[offset] === text[offset];
  for (const m of scan.noCommentView.matchAll(NAMED_CALL)) {
    if (!isCode(m.index)) continue;
    const [, builder, , name] = m;
    const nameOffset = m.index + m[0].length - name.length - 1;
    if (!OTHER_NAMED.includes(builder) && RESERVED_WORDS.has(name.toLowerCase())) {
      hits.push({ offset: nameOffset, ruleId: 'reserved-word', match: name });
    }
    if (byteLength(name) > 63) hits.push({ offset: nameOffset, ruleId: 'identifier-too-long', match: name });
  }
  for (const m of scan.codeView.matchAll(KEY_NAMED_COLUMN)) {
    if (RESERVED_WORDS.has(m[1].toLowerCase())) hits.push({ offset: m.index, ruleId: 'reserved-word', match: m[1] });
  }
  return finish(text, file, hits, comments);
}

/** One output line: `path:line: [rule-id] 中文说明 (English)`. */
export function formatFinding(f: Finding): string {
  const [zh, en] = RULES[f.ruleId];
  return `${f.file}:${f.line}: [${f.ruleId}] ${zh} (${en})`;
}

