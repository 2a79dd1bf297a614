import type { IsoDate } from '../../shared/calendar';
import { EVERY_FACILITY, loadStandingRows, type StandingRow } from './capability-matrix';
import type { RegistryDatabase } from './db/registry-database';

/**
 * Past this many changed facilities a fresh read of all 6,000 costs less than patching (an IN
 * list of that many ids), and an import has happened anyway.
 */
const PATCH_LIMIT = 500;

type KeptDatabase = Pick<RegistryDatabase, 'db' | 'selectRows' | 'standingVersion'>;

interface FeedPosition {
  feedId: string;
  head: number;
  active: Set<number>;
}

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
 * Read order keeps it right without a transaction: the version first, then the feed's head with
 * the active facilities' ids (one snapshot), then the changed rows. Rows may so be newer than the
 * head they are kept with, never older, and a change seen twice is only read twice. A facility
 * deleted rather than archived (a desktop's replica rebuild) is gone from the active ids. A
 * restore renews the feed id; a change the feed did not note (the version moved, the head did
 * not, or an active facility is neither kept nor named) is read whole.
 */
export function keptStandingRows(database: KeptDatabase): (today: IsoDate, expiryMonths: number) => Promise<StandingRow[]> {
  let kept: Kept | null = null;
  let inFlight: { version: string; today: IsoDate; expiryMonths: number; refresh: Promise<Kept> } | null = null;
  let refreshes = 0;

  /**
   * The feed's id and head with the ids of the active facilities, in one statement and so from
   * one snapshot on either engine: a patch then knows exactly which facilities a whole read at
   * that moment would hold.
   */
  async function feedPosition(): Promise<FeedPosition> {
    const rows = await database.db
      .selectFrom('facilities')
      .select((eb) => [
        'facilities.id',
        eb.selectFrom('registry_feed').select('feed_id').as('feed_id'),
        eb.selectFrom('registry_changes').select((inner) => inner.fn.max('seq').as('head')).as('head'),
      ])
      .where('facilities.archived', '=', 0)
      .execute();
    if (rows.length === 0) {
      // No active facility: nothing to patch, and nothing a whole read would not find at once.
      return { feedId: '', head: -1, active: new Set() };
    }
    return { feedId: rows[0]!.feed_id ?? '', head: Number(rows[0]!.head ?? 0), active: new Set(rows.map((row) => row.id)) };
  }

  /** The kept rows brought up to date, or null when only a whole read is sure. Called only when the version moved. */
  async function patched(base: Kept, position: FeedPosition, today: IsoDate, expiryMonths: number): Promise<StandingRow[] | null> {
    if (base.today !== today || base.expiryMonths !== expiryMonths || base.feedId !== position.feedId) return null;
    // Something changed (the version says so) but the feed did not move, or went back: a change
    // made around the triggers (a restore with them disabled, a hand at a SQL console).
    if (position.head <= base.head) return null;
    const changes = await database.db
      .selectFrom('registry_changes')
      .select('entity_id')
      .where('entity_type', '=', 'facility')
      .where('seq', '>', base.head)
      .where('seq', '<=', position.head)
      .limit(PATCH_LIMIT + 1)
      .execute();
    if (changes.length > PATCH_LIMIT) return null;
    const changed = new Set(changes.map((change) => change.entity_id));
    const unchanged = base.rows.filter((row) => position.active.has(row.matrix.facilityId) && !changed.has(row.matrix.facilityId));
    // An active facility neither kept nor named by the feed came in around the triggers.
    const accounted = new Set(unchanged.map((row) => row.matrix.facilityId));
    for (const id of position.active) if (!accounted.has(id) && !changed.has(id)) return null;
    const fresh = changed.size === 0 ? [] : await loadStandingRows(database, EVERY_FACILITY, today, expiryMonths, [...changed]);
    // Near the order a whole read gives, so the matrix's own sort finds them almost in order.
    return fresh.length === 0 ? unchanged : [...unchanged, ...fresh].sort((a, b) => byName(a.matrix.name, b.matrix.name) || a.matrix.facilityId - b.matrix.facilityId);
  }

  async function refresh(base: Kept | null, version: string, today: IsoDate, expiryMonths: number): Promise<Kept> {
    const startedAt = ++refreshes;
    const position = await feedPosition();
    const rows = (base && (await patched(base, position, today, expiryMonths))) ?? (await loadStandingRows(database, EVERY_FACILITY, today, expiryMonths));
    return { version, today, expiryMonths, feedId: position.feedId, head: position.head, rows, startedAt };
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

/** Case-insensitive name, then name: close to the order of standingRowsQuery, whose lower() and collation differ by engine. */
function byName(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
