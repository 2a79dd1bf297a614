import type { IsoDate } from '../../shared/calendar';
import { loadStandingRows, type StandingRow } from './capability-matrix';
import type { RegistryDatabase } from './db/registry-database';

/**
 * Past this many changed facilities a fresh read of all 6,000 costs less than patching (one
 * IN list per changed facility), and a restore or an import has happened anyway.
 */
const PATCH_LIMIT = 500;

type KeptDatabase = Pick<RegistryDatabase, 'db' | 'selectRows' | 'standingVersion'>;

interface Kept {
  /** What standingVersion said before the rows were read. */
  version: string;
  today: IsoDate;
  expiryMonths: number;
  /** The change feed these rows follow: its id, and the last change they include. */
  feedId: string;
  head: number;
  /** Every active facility, by name; the same array while nothing changes, so callers can keep what they built on it. */
  rows: StandingRow[];
  /** When its refresh began, so a slower, older refresh never replaces a newer one. */
  startedAt: number;
}

/**
 * The standing rows of every active facility (the read behind the matrix and the coverage
 * summary), kept between calls. When a finalize, an amendment or a facility edit changes them,
 * the change feed (registry_changes, written in the same transaction by the database's triggers)
 * names the facilities that changed, and only those are read again: under 50 people the matrix
 * used to be read whole, 6,000 rows, after every finalize, and every reader waited for it
 * (npm run bench -- shared).
 *
 * Read order keeps it right without a transaction: the version first, then the feed's head, then
 * the rows. Rows may so be newer than the head they are kept with, never older, and a change
 * seen twice is only read twice. A restore renews the feed id, and a facility deleted rather than
 * archived (a desktop's replica rebuild) shows as a count that no longer matches: both read all.
 */
export function keptStandingRows(database: KeptDatabase): (today: IsoDate, expiryMonths: number) => Promise<StandingRow[]> {
  let kept: Kept | null = null;
  let inFlight: { version: string; today: IsoDate; expiryMonths: number; refresh: Promise<Kept> } | null = null;
  let refreshes = 0;

  async function feedPosition(): Promise<{ feedId: string; head: number }> {
    const feed = await database.db.selectFrom('registry_feed').select('feed_id').executeTakeFirst();
    const head = await database.db.selectFrom('registry_changes').select((eb) => eb.fn.max('seq').as('head')).executeTakeFirst();
    return { feedId: feed?.feed_id ?? '', head: Number(head?.head ?? 0) };
  }

  async function activeFacilities(): Promise<number> {
    const counted = await database.db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).where('archived', '=', 0).executeTakeFirstOrThrow();
    return Number(counted.n);
  }

  async function patched(base: Kept, position: { feedId: string; head: number }, today: IsoDate, expiryMonths: number): Promise<StandingRow[] | null> {
    if (base.today !== today || base.expiryMonths !== expiryMonths || base.feedId !== position.feedId || position.head < base.head) return null;
    const changes = await database.db
      .selectFrom('registry_changes')
      .select('entity_id')
      .where('entity_type', '=', 'facility')
      .where('seq', '>', base.head)
      .limit(PATCH_LIMIT + 1)
      .execute();
    if (changes.length > PATCH_LIMIT) return null;
    const changed = new Set(changes.map((change) => change.entity_id));
    const fresh = changed.size === 0 ? [] : await loadStandingRows(database, { state: '', facilityType: '', ownership: '' }, today, expiryMonths, [...changed]);
    const rows = changed.size === 0 ? base.rows : [...base.rows.filter((row) => !changed.has(row.matrix.facilityId)), ...fresh];
    if (rows.length !== (await activeFacilities())) return null;
    // In the order a whole read gives (the matrix sorts again; this keeps that sort cheap).
    if (fresh.length > 0) rows.sort((a, b) => byName(a.matrix.name, b.matrix.name) || a.matrix.facilityId - b.matrix.facilityId);
    return rows;
  }

  async function refresh(base: Kept | null, version: string, today: IsoDate, expiryMonths: number): Promise<Kept> {
    const startedAt = ++refreshes;
    const position = await feedPosition();
    const rows = (base && (await patched(base, position, today, expiryMonths))) ?? (await loadStandingRows(database, { state: '', facilityType: '', ownership: '' }, today, expiryMonths));
    return { version, today, expiryMonths, ...position, rows, startedAt };
  }

  return async function standingRows(today, expiryMonths) {
    const version = await database.standingVersion();
    const current = (entry: { version: string; today: IsoDate; expiryMonths: number } | null) =>
      entry !== null && entry.version === version && entry.today === today && entry.expiryMonths === expiryMonths;
    if (current(kept)) return kept!.rows;
    // Callers asking while the rows are being brought up to date share that one read.
    if (inFlight && current(inFlight)) return (await inFlight.refresh).rows;
    const pending = refresh(kept, version, today, expiryMonths);
    inFlight = { version, today, expiryMonths, refresh: pending };
    try {
      const next = await pending;
      if (!kept || next.startedAt > kept.startedAt) kept = next;
      return next.rows;
    } finally {
      if (inFlight?.refresh === pending) inFlight = null;
    }
  };
}

/** lower(name), then name: the order standingRowsQuery asks the database for. */
function byName(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
