import { z } from 'zod';
import { csvCell } from './csv';
import { isIsoDate } from './calendar';
import {
  CAPABILITY_IDS,
  CAPABILITY_STATUS_LABELS,
  capabilityQuestion,
  CURRENT_QUESTIONNAIRE,
  VERIFICATION_METHOD_LABELS,
  type CapabilityId,
  type CapabilityQuestion,
  type CapabilityStatus,
  type VerificationMethod,
} from './questionnaire';

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorName: string;
  actorRole: string;
  /** From the verified ID token on a shared host; null for a desktop's profile. */
  actorEmail: string | null;
  actorIssuer: string | null;
  actorSubject: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: string | null;
  after: string | null;
}

export interface AuditFacets {
  actors: string[];
  entityTypes: string[];
  actions: string[];
}

const optionalDate = z
  .string()
  .refine(isIsoDate, 'Enter the date as YYYY-MM-DD.')
  .nullable()
  .default(null);

export const AUDIT_PAGE_MAX = 100_000;

export const auditQuerySchema = z.object({
  actor: z.string().max(120).default(''),
  entityType: z.string().max(40).default(''),
  entityId: z.string().max(40).default(''),
  action: z.string().max(60).default(''),
  from: optionalDate,
  to: optionalDate,
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(200),
  offset: z.number().int().min(0).default(0),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;


export function auditCsv(events: AuditEvent[]): string {
  const header = ['When (UTC)', 'Who', 'Role', 'Entity', 'Entity id', 'Action', 'Before', 'After'];
  const lines = events.map((event) =>
    [event.occurredAt, event.actorName, event.actorRole, event.entityType, event.entityId, event.action, event.before ?? '', event.after ?? '']
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/** One field an audit event changed, as people read it. Values are null where nothing was set. */
export interface AuditFieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const FIELD_WORDS: Record<string, string> = { ccn: 'CCN', zip: 'ZIP', sha256: 'SHA-256', npi: 'NPI', mrn: 'MRN', id: 'id', icu: 'ICU', ivig: 'IVIG', es: 'Spanish', emtala: 'EMTALA' };
// The event already names the entity and says when; these would only repeat it.
const UNSHOWN_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

function fieldWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((word) => FIELD_WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function answerCapability(action: string): CapabilityQuestion | null {
  const id = action.startsWith('answer:') ? action.slice('answer:'.length) : '';
  return (CAPABILITY_IDS as readonly string[]).includes(id) ? capabilityQuestion(CURRENT_QUESTIONNAIRE, id as CapabilityId) : null;
}

const ACTION_LABELS: Record<string, string> = {
  create: 'Created',
  update: 'Updated',
  rename: 'Renamed',
  archive: 'Archived',
  restore: 'Restored',
  import: 'Imported',
  'import-update': 'Updated by an import',
  amend: 'Amendment started',
  finalize: 'Finalized',
  supersede: 'Superseded',
  issue: 'Issued',
  'choose-receiving': 'Receiving facility chosen',
  'edit-paragraph': 'Paragraph edited',
  'restore-paragraph': 'Paragraph restored',
};

const ENTITY_LABELS: Record<string, string> = {
  facility: 'Facility',
  assessment: 'Assessment',
  case: 'Transfer case',
  letter: 'Letter',
  setting: 'Settings',
  profile: 'User profile',
  database: 'Database',
};

/** "answer:neuro_icu" → "Answer: Neurologic ICU", "import-update" → "Updated by an import". */
export function auditActionLabel(action: string): string {
  const capability = answerCapability(action);
  return capability ? `Answer: ${capability.name}` : (ACTION_LABELS[action] ?? action);
}

export function auditEntityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType;
}

function flatten(value: unknown, path: string[], into: Map<string, { path: string[]; value: unknown }>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, [...path, key], into);
    return;
  }
  into.set(path.join('.'), { path, value });
}

function parsed(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

/**
 * What an event changed, field by field: every field whose value differs between the record before
 * and after (all of them when something was created). Nested records read as "Details › Days to
 * start"; an answer's status and method read as the questionnaire words them.
 */
export function auditChanges(event: Pick<AuditEvent, 'action' | 'before' | 'after'>): AuditFieldChange[] {
  const before = new Map<string, { path: string[]; value: unknown }>();
  const after = new Map<string, { path: string[]; value: unknown }>();
  flatten(parsed(event.before), ['value'], before);
  flatten(parsed(event.after), ['value'], after);
  const capability = answerCapability(event.action);

  const label = (path: string[]): string => {
    const keys = path.slice(1);
    if (keys.length === 0) return 'Value';
    if (capability && keys[0] === 'details' && keys[1]) {
      const detail = capability.details.find((question) => question.id === keys[1]);
      if (detail) return `Details › ${detail.label}`;
    }
    return keys.map(fieldWords).join(' › ');
  };
  const shown = (path: string[], value: unknown): string | null => {
    if (value === undefined || value === null || value === '') return null;
    const key = path[path.length - 1];
    if (capability && key === 'status' && typeof value === 'string' && value in CAPABILITY_STATUS_LABELS) return CAPABILITY_STATUS_LABELS[value as CapabilityStatus];
    if (capability && key === 'verificationMethod' && typeof value === 'string' && value in VERIFICATION_METHOD_LABELS) return VERIFICATION_METHOD_LABELS[value as VerificationMethod];
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.length > 0 ? value.join(', ') : null;
    return JSON.stringify(value);
  };

  const changes: AuditFieldChange[] = [];
  for (const key of new Set([...after.keys(), ...before.keys()])) {
    const path = (after.get(key) ?? before.get(key))!.path;
    if (UNSHOWN_FIELDS.has(path[path.length - 1]!)) continue;
    const from = shown(path, before.get(key)?.value);
    const to = shown(path, after.get(key)?.value);
    if (from !== to) changes.push({ field: label(path), before: from, after: to });
  }
  return changes;
}
