import { z } from 'zod';
import { csvCell } from './csv';
import { isIsoDate } from './calendar';

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorName: string;
  actorRole: string;
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
