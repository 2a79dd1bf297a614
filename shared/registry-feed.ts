import { z } from 'zod';
import { REGISTRY_ROLES } from './permissions';
import { CAPABILITY_IDS, CAPABILITY_STATUSES } from './questionnaire';

/**
 * The change feed a desktop replicates the shared registry from (issue 16): pages of the
 * facilities and people changed after a sequence number, each as it stands now. Rows travel
 * with the registry's column names, because a replica stores them in the same tables.
 */

/** The most changes one page may carry; a desktop asks for fewer. */
export const FEED_PAGE_LIMIT = 2000;
export const DEFAULT_FEED_PAGE_SIZE = 1000;
/** Bytes of one page a desktop accepts before refusing it as too large. */
export const MAX_FEED_PAGE_BYTES = 64 * 1024 * 1024;

export const registryChangesQuerySchema = z.object({
  after: z.number({ error: 'Give the sequence number to read after.' }).int().min(0, 'The sequence number starts at 0.'),
  limit: z.number().int().min(1).max(FEED_PAGE_LIMIT, `A page holds at most ${FEED_PAGE_LIMIT} changes.`).default(DEFAULT_FEED_PAGE_SIZE),
});
export type RegistryChangesQuery = z.input<typeof registryChangesQuerySchema>;

const id = z.number().int().positive();
const stamp = z.string().min(1).max(40);
const text = (max: number) => z.string().max(max);

export const feedFacilitySchema = z.strictObject({
  id,
  ccn: text(20).nullable(),
  name: text(400),
  facility_type: text(400),
  ownership: text(400),
  address: text(1000),
  city: text(400),
  state: text(20),
  zip: text(20),
  county: text(400),
  phone: text(100),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  notes: text(20_000),
  archived: z.union([z.literal(0), z.literal(1)]),
  created_at: stamp,
  updated_at: stamp,
});

export const feedAssessmentSchema = z.strictObject({
  id,
  facility_id: id,
  questionnaire_id: text(100),
  questionnaire_version: z.number().int().positive(),
  state: z.literal('finalized'),
  revision: z.number().int().positive(),
  amends_id: id.nullable(),
  amendment_reason: text(4000).nullable(),
  assessor_name: text(400),
  assessor_role: text(400),
  created_at: stamp,
  updated_at: stamp,
  finalized_at: stamp,
  superseded_at: z.null(),
});

export const feedAnswerSchema = z.strictObject({
  assessment_id: id,
  capability_id: z.enum(CAPABILITY_IDS),
  status: z.enum(CAPABILITY_STATUSES).nullable(),
  details_json: text(100_000),
  partner_json: text(20_000).nullable(),
  evidence: text(20_000),
  verified_by_name: text(400),
  verified_by_role: text(400),
  verification_method: text(100).nullable(),
  verified_on: text(20).nullable(),
  updated_at: stamp,
});

const feedGrantSchema = z.strictObject({
  role: z.enum(REGISTRY_ROLES),
  facility_id: id.nullable(),
});

export const feedChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    seq: id,
    kind: z.literal('facility'),
    facility: feedFacilitySchema,
    /** The finalized assessment that stands for the facility now, with its answers; null if none. */
    standing: z.strictObject({ assessment: feedAssessmentSchema, answers: z.array(feedAnswerSchema).max(CAPABILITY_IDS.length) }).nullable(),
  }),
  z.strictObject({
    seq: id,
    kind: z.literal('person'),
    person: z.strictObject({ id, email: text(254), display_name: text(400) }),
    grants: z.array(feedGrantSchema).max(10_000),
  }),
]);

export const feedPageSchema = z.strictObject({
  /** Which registry this is; it never changes. */
  registryId: z.string().min(1).max(100),
  /** Which run of its feed: a restore starts a new one, and sequence numbers start again. */
  feedId: z.string().min(1).max(100),
  /** The page holds every change after `from` up to and including `to`. */
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  /** The latest sequence number the registry has handed out. */
  head: z.number().int().min(0),
  changes: z.array(feedChangeSchema),
});

export type FeedChange = z.infer<typeof feedChangeSchema>;
export type FeedPage = z.infer<typeof feedPageSchema>;
export type FeedFacility = z.infer<typeof feedFacilitySchema>;
export type FeedAssessment = z.infer<typeof feedAssessmentSchema>;
export type FeedAnswer = z.infer<typeof feedAnswerSchema>;

/** Where a desktop's replica stands in the feed it follows. */
export interface ReplicaPosition {
  registryId: string | null;
  feedId: string | null;
  cursor: number;
}

export type PageVerdict =
  | { kind: 'apply'; page: FeedPage }
  /** The registry was restored to an earlier state: the replica is rebuilt from the start. */
  | { kind: 'restart'; reason: string }
  | { kind: 'refuse'; reason: string };

/**
 * Decides what a desktop does with a page it received: apply it, start its replica again, or
 * refuse it and keep the replica as it was. Nothing in a page is trusted before this.
 */
export function judgeFeedPage(raw: unknown, position: ReplicaPosition, limit: number): PageVerdict {
  const parsed = feedPageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return { kind: 'refuse', reason: `The shared registry sent a page this desktop cannot read${where}. Nothing was changed here.` };
  }
  const page = parsed.data;
  if (position.registryId !== null && page.registryId !== position.registryId) {
    return {
      kind: 'refuse',
      reason: `This server holds a different registry (${page.registryId.slice(0, 40)}) from the one this desktop follows. Nothing was changed here; disconnect and connect again to follow it instead.`,
    };
  }
  // A server answers from where it was asked, restored or not; a page from elsewhere is an
  // earlier answer delivered again or late (a retrying proxy, a cache), not news of a restore,
  // so it is refused before its feed id or head could make this desktop rebuild its copy.
  if (page.from !== position.cursor) {
    return { kind: 'refuse', reason: `The shared registry answered from change ${page.from}, not from ${position.cursor} as asked, so changes would be missed. Nothing was changed here.` };
  }
  if (position.feedId !== null && page.feedId !== position.feedId) {
    return { kind: 'restart', reason: 'The shared registry was restored from a backup since this desktop last pulled. Its copy is being rebuilt.' };
  }
  if (page.head < position.cursor) {
    return { kind: 'restart', reason: 'The shared registry went back to an earlier state since this desktop last pulled. Its copy is being rebuilt.' };
  }
  if (page.changes.length > limit) {
    return { kind: 'refuse', reason: `The shared registry sent ${page.changes.length} changes where at most ${limit} were asked for. Nothing was changed here.` };
  }
  const problem = pageProblem(page);
  return problem ? { kind: 'refuse', reason: `${problem} Nothing was changed here.` } : { kind: 'apply', page };
}

/** Which facility or person a change is about: each appears once in a page, and a rebuild keeps its latest. */
export function feedEntityKey(change: FeedChange): string {
  return `${change.kind}:${change.kind === 'facility' ? change.facility.id : change.person.id}`;
}

/** A page that contradicts itself: any one of these would leave a replica out of step. */
function pageProblem(page: FeedPage): string | null {
  if (page.to < page.from || page.to > page.head) return `The shared registry sent a page whose range (${page.from} to ${page.to}, latest ${page.head}) does not add up.`;
  if (page.changes.length === 0 && page.to !== page.head) return 'The shared registry said more changes were waiting but sent none.';
  let previous = page.from;
  const seen = new Set<string>();
  for (const change of page.changes) {
    if (change.seq <= previous) return `The shared registry sent change ${change.seq} out of order.`;
    if (change.seq > page.to) return `The shared registry sent change ${change.seq} beyond the page's end (${page.to}).`;
    previous = change.seq;
    const key = feedEntityKey(change);
    if (seen.has(key)) return `The shared registry sent the same ${change.kind} twice in one page.`;
    seen.add(key);
    if (change.kind === 'facility' && change.standing) {
      const { assessment, answers } = change.standing;
      if (assessment.facility_id !== change.facility.id) return `The shared registry sent an assessment of facility ${assessment.facility_id} as facility ${change.facility.id}'s.`;
      if (answers.some((answer) => answer.assessment_id !== assessment.id)) return `The shared registry sent answers that do not belong to assessment ${assessment.id}.`;
      if (new Set(answers.map((answer) => answer.capability_id)).size !== answers.length) return `The shared registry sent one capability twice in assessment ${assessment.id}.`;
    }
  }
  if (page.changes.length > 0 && previous !== page.to) return `The shared registry's page ends at ${page.to} but its last change is ${previous}.`;
  return null;
}

/** What a desktop shows about the shared registry it follows (Settings, and the banner). */
export interface ReplicaStatus {
  connected: boolean;
  serverUrl: string | null;
  /** False after the last pull attempt failed to reach the server; the replica is then shown as of lastPulledAt. */
  reachable: boolean;
  /** When the replica last matched the server. */
  lastPulledAt: string | null;
  /** The sequence number the replica has reached. */
  cursor: number;
  /** Why the last pull did not finish, in words for the person; null when it did. */
  problem: string | null;
  /** Set when the replica was rebuilt because the server was restored, until this desktop restarts or disconnects; null otherwise. */
  notice: string | null;
  /** Assessments finalized here: waiting to be sent, or sent back for a person to decide. */
  outbox: { pending: number; conflicts: number; refused: number };
  /** The server no longer accepts this desktop's sign-in (expired, ended, never made): sign in again. */
  needsSignIn: boolean;
  /** A sign-in through the system browser: under way (finish it there), or why the last one did not complete. */
  signIn: { underWay: boolean; problem: string | null };
}

export const connectSharedRegistrySchema = z.object({
  serverUrl: z
    .string({ error: "Enter the shared registry's address." })
    .trim()
    .min(1, "Enter the shared registry's address, for example https://transferready.hospital.org.")
    .max(2000, 'That address is too long.')
    // A scheme, a host (no user name or password before it), an optional port and path.
    .regex(/^https?:\/\/[^\s/?#@]+(:\d{1,5})?(\/[^\s]*)?$/i, 'Enter an address that starts with https:// (or http:// for a server on this computer), without a user name or password in it.'),
  /** A server started with an access token: the token it printed. */
  accessToken: z.string().trim().max(500, 'That access token is too long.').optional(),
});

export const beginSharedRegistrySignInSchema = connectSharedRegistrySchema.pick({ serverUrl: true });

/** Where the person finishes signing this desktop in: open it in the system browser. */
export interface SharedRegistrySignIn {
  browserUrl: string;
}
