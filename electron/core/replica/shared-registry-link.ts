import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FEED_PAGE_SIZE, feedEntityKey, judgeFeedPage, type FeedChange, type ReplicaPosition, type ReplicaStatus } from '../../../shared/registry-feed';
import type { AppDatabase } from '../db/connection';
import { DomainError } from '../errors';
import { httpFeedTransport, httpSubmitter, RegistryRefused, RegistrySignedOut, RegistryUnreachable, revokeDesktopToken, type FeedTransport } from './feed-transport';
import { DEFAULT_SIGN_IN_TIMEOUT_MS, startLoopbackSignIn, type LoopbackSignIn } from './desktop-sign-in';
import { pendingSubmissions, recordOutcome, retireDeliveredDrafts, type Submitter } from './outbox';
import { applyFeedChanges, rebuildReplica } from './replica-apply';

/** The access token a server printed, beside the database and never inside it (nor its backups). */
const TOKEN_FILE = 'shared-registry-token';
/** More pages than any registry needs; a server that never stops sending is cut off here. */
const MAX_PAGES_PER_PULL = 10_000;
/** What a desktop the server no longer knows is told; the status recognizes it to offer a new sign-in. */
export const SIGNED_OUT_PROBLEM =
  "The shared registry no longer accepts this desktop's sign-in (it expired, or was ended on the server). Sign in again; the copy kept here still works meanwhile.";

export interface SharedRegistryLinkOptions {
  dataDirectory: string;
  /** Runs work on the desktop's open registry, inside the call wrapper and the restore gate. */
  onDatabase<T>(work: (database: AppDatabase) => Promise<T>): Promise<T>;
  now: () => Date;
  /** How often the replica pulls by itself; null for never (tests that pull by hand). */
  pullIntervalMs: number | null;
  pageSize?: number;
  /** How pages are fetched; HTTP to the server by default. */
  transportFor?: (serverUrl: string, accessToken: string | null) => FeedTransport;
  /** How outbox submissions are sent; HTTP to the server by default. */
  submitterFor?: (serverUrl: string, accessToken: string | null) => Submitter;
  /** How long a sign-in through the system browser waits for the person (5 minutes by default). */
  signInTimeoutMs?: number;
}

export interface SharedRegistryLink {
  status(): Promise<ReplicaStatus>;
  /** The address of the shared registry this desktop follows, or null: one read, for every write call. */
  followedServer(): Promise<string | null>;
  connect(input: { serverUrl: string; accessToken?: string | undefined }): Promise<ReplicaStatus>;
  /**
   * Starts signing this desktop in through the system browser: the address to open there. When
   * the person finishes, the desktop connects (or, already connected to that server, takes the
   * new token and pulls).
   */
  beginSignIn(input: { serverUrl: string }): Promise<{ browserUrl: string }>;
  /** Pulls everything new; at most one pull runs at a time, and a second caller waits for it. */
  pull(): Promise<ReplicaStatus>;
  disconnect(): Promise<ReplicaStatus>;
  /** Stops pulling by itself and waits for a pull under way. */
  stop(): Promise<void>;
}

/**
 * A desktop's link to the shared registry: the replica is pulled from the change feed page by
 * page, each page applied in one transaction with the cursor, so a pull cut off anywhere
 * resumes where it stopped. The server stays the one authority; this desktop only copies.
 */
export function sharedRegistryLink(options: SharedRegistryLinkOptions): SharedRegistryLink {
  const pageSize = options.pageSize ?? DEFAULT_FEED_PAGE_SIZE;
  const transportFor = options.transportFor ?? httpFeedTransport;
  const submitterFor = options.submitterFor ?? httpSubmitter;
  const tokenFile = join(options.dataDirectory, TOKEN_FILE);
  let reachable = true;
  let notice: string | null = null;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let signIn: LoopbackSignIn | null = null;
  let signInProblem: string | null = null;

  const readLink = () => options.onDatabase((database) => database.db.selectFrom('replica_link').selectAll().executeTakeFirst());
  const readToken = () => (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() || null : null);
  const recordProblem = (problem: string) =>
    options.onDatabase((database) => database.db.updateTable('replica_link').set({ last_problem: problem }).execute());

  async function status(): Promise<ReplicaStatus> {
    const link = await readLink();
    const outbox = await options.onDatabase(async (database) => {
      const counts = await database.db.selectFrom('replica_outbox').select(['state', (eb) => eb.fn.countAll().as('n')]).groupBy('state').execute();
      const count = (state: string) => Number(counts.find((row) => row.state === state)?.n ?? 0);
      return { pending: count('pending'), conflicts: count('conflict'), refused: count('refused') };
    });
    const signInState = { underWay: signIn !== null, problem: signInProblem };
    if (!link) return { connected: false, serverUrl: null, reachable: true, lastPulledAt: null, cursor: 0, problem: null, notice: null, outbox, needsSignIn: false, signIn: signInState };
    return {
      outbox,
      needsSignIn: link.last_problem === SIGNED_OUT_PROBLEM,
      signIn: signInState,
      connected: true,
      serverUrl: link.server_url,
      reachable,
      lastPulledAt: link.last_pulled_at,
      cursor: Number(link.cursor),
      problem: link.last_problem,
      notice,
    };
  }

  async function pullOnce(): Promise<void> {
    const link = await readLink();
    if (!link) return;
    const token = readToken();
    const transport = transportFor(link.server_url, token);
    let position: ReplicaPosition = { registryId: link.registry_id, feedId: link.feed_id, cursor: Number(link.cursor) };
    try {
      await pushOutbox(submitterFor(link.server_url, token));
      for (let pages = 0; pages < MAX_PAGES_PER_PULL; pages += 1) {
        const verdict = judgeFeedPage(await transport(position.cursor, pageSize), position, pageSize);
        reachable = true;
        if (verdict.kind === 'refuse') {
          await recordProblem(verdict.reason);
          return;
        }
        if (verdict.kind === 'restart') {
          await rebuildFromStart(transport, link.registry_id);
          notice = verdict.reason;
          return;
        }
        const { page } = verdict;
        const done = page.to >= page.head;
        await options.onDatabase((database) =>
          applyFeedChanges(database, page.changes, { registryId: page.registryId, feedId: page.feedId, cursor: page.to, pulledAt: done ? options.now().toISOString() : null }, options.now()),
        );
        position = { registryId: page.registryId, feedId: page.feedId, cursor: page.to };
        if (done) {
          await options.onDatabase((database) => retireDeliveredDrafts(database));
          return;
        }
      }
      await recordProblem('The shared registry kept sending pages without end; this desktop stopped pulling. It tries again later.');
    } catch (error) {
      if (error instanceof RegistryUnreachable) {
        reachable = false;
        return;
      }
      if (error instanceof RegistrySignedOut) {
        reachable = true;
        await recordProblem(SIGNED_OUT_PROBLEM);
        return;
      }
      if (error instanceof RegistryRefused) {
        await recordProblem(error.message);
        return;
      }
      throw error;
    }
  }

  /** A desktop that follows a registry follows one; one keeping its own facilities follows none. */
  async function refuseToConnect(): Promise<void> {
    if (await readLink()) {
      throw new DomainError('conflict', 'This desktop already follows a shared registry. Disconnect it first to follow another.');
    }
    const held = await options.onDatabase(async (database) => Number((await database.db.selectFrom('facilities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
    if (held > 0) {
      const message =
        `This desktop keeps its own registry of ${held.toLocaleString('en-US')} facilities, so it cannot also follow a shared one. ` +
        'Move it into the shared registry first (npm run cli -- backup here, then restore FILE --database on the server), then connect from a new data folder.';
      throw new DomainError('conflict', message, [{ field: 'serverUrl', message }]);
    }
  }

  function writeToken(accessToken: string): void {
    writeFileSync(tokenFile, accessToken, { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
  }

  /** Sends what the outbox holds, oldest first; each answer is recorded as it comes. */
  async function pushOutbox(submit: Submitter): Promise<void> {
    for (const submission of await options.onDatabase((database) => pendingSubmissions(database))) {
      const outcome = await submit(submission);
      await options.onDatabase((database) => recordOutcome(database, submission.clientId, outcome, options.now()));
    }
  }

  /** Reads the whole new feed first, then replaces the replica in one transaction. */
  async function rebuildFromStart(transport: FeedTransport, registryId: string | null): Promise<void> {
    let position: ReplicaPosition = { registryId, feedId: null, cursor: 0 };
    const changes: FeedChange[] = [];
    for (let pages = 0; pages < MAX_PAGES_PER_PULL; pages += 1) {
      const verdict = judgeFeedPage(await transport(position.cursor, pageSize), position, pageSize);
      if (verdict.kind !== 'apply') {
        await recordProblem(verdict.kind === 'refuse' ? verdict.reason : 'The shared registry changed again while this desktop was rebuilding its copy. It tries again later.');
        return;
      }
      const { page } = verdict;
      changes.push(...page.changes);
      position = { registryId: page.registryId, feedId: page.feedId, cursor: page.to };
      if (page.to >= page.head) {
        const pulledAt = options.now().toISOString();
        await options.onDatabase((database) => rebuildReplica(database, latestPerEntity(changes), { registryId: page.registryId, feedId: page.feedId, cursor: page.to, pulledAt }, options.now()));
        return;
      }
    }
  }

  function pull(): Promise<ReplicaStatus> {
    running ??= pullOnce().finally(() => {
      running = null;
    });
    return running.then(status);
  }

  function startPulling(): void {
    if (options.pullIntervalMs === null || timer) return;
    timer = setInterval(() => {
      pull().catch((error: unknown) => console.error('[transferready] pulling the shared registry failed:', error instanceof Error ? error.message : error));
    }, options.pullIntervalMs);
    timer.unref();
  }

  void readLink()
    .then((link) => {
      if (link) startPulling();
    })
    .catch(() => undefined);

  const api: SharedRegistryLink = {
    status,
    followedServer: async () => (await readLink())?.server_url ?? null,
    async connect({ serverUrl, accessToken }) {
      await refuseToConnect();
      const transport = transportFor(serverUrl, accessToken || null);
      let first: unknown;
      try {
        first = await transport(0, 1);
      } catch (error) {
        const message =
          error instanceof RegistrySignedOut
            ? 'This shared registry asks who you are: sign in through your browser instead.'
            : error instanceof RegistryUnreachable
              ? `${error.message} Check the address, and that this computer can reach it.`
              : (error as Error).message;
        throw new DomainError('invalid_input', message, [{ field: 'serverUrl', message }]);
      }
      const verdict = judgeFeedPage(first, { registryId: null, feedId: null, cursor: 0 }, 1);
      if (verdict.kind !== 'apply') throw new DomainError('invalid_input', verdict.reason, [{ field: 'serverUrl', message: verdict.reason }]);
      if (accessToken) {
        writeToken(accessToken);
      } else {
        rmSync(tokenFile, { force: true });
      }
      await options.onDatabase((database) =>
        database.db.insertInto('replica_link').values({ singleton: 1, server_url: serverUrl, connected_at: options.now().toISOString() }).execute(),
      );
      reachable = true;
      notice = null;
      startPulling();
      return pull();
    },
    async beginSignIn({ serverUrl }) {
      const link = await readLink();
      if (link && link.server_url !== serverUrl) {
        throw new DomainError('conflict', `This desktop follows the shared registry at ${link.server_url}. Sign in there, or disconnect it first to follow another.`, [
          { field: 'serverUrl', message: `This desktop follows ${link.server_url}.` },
        ]);
      }
      if (!link) await refuseToConnect();
      signIn?.cancel();
      signInProblem = null;
      const started: LoopbackSignIn = await startLoopbackSignIn({
        serverUrl,
        timeoutMs: options.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
        onToken: async (token) => {
          if (!(await readLink())) {
            await api.connect({ serverUrl, accessToken: token.accessToken });
            return;
          }
          // Signed in again to the registry this desktop follows: the new token, then a pull at once.
          await running?.catch(() => undefined);
          writeToken(token.accessToken);
          await options.onDatabase((database) => database.db.updateTable('replica_link').set({ last_problem: null }).execute());
          reachable = true;
          void pull().catch(() => undefined);
        },
        onEnd: (problem) => {
          if (signIn !== started) return;
          signIn = null;
          signInProblem = problem;
        },
      });
      signIn = started;
      return { browserUrl: started.browserUrl };
    },
    pull,
    async disconnect() {
      await running;
      const current = await status();
      if (!current.connected || current.serverUrl === null) return current;
      const { outbox, serverUrl } = current;
      const unsettled = outbox.pending + outbox.conflicts + outbox.refused;
      if (unsettled > 0) {
        throw new DomainError(
          'conflict',
          `${unsettled} assessment${unsettled === 1 ? '' : 's'} finalized here ${unsettled === 1 ? 'has' : 'have'} not reached the shared registry yet. Send ${unsettled === 1 ? 'it' : 'them'}, or settle what the registry sent back, before disconnecting.`,
        );
      }
      signIn?.cancel();
      const token = readToken();
      if (token) await revokeDesktopToken(serverUrl, token);
      // The server's facilities leave with the link, except those a transfer case here names.
      await options.onDatabase(async (database) => {
        await rebuildReplica(database, [], { registryId: '', feedId: '', cursor: 0, pulledAt: null }, options.now());
        await database.db.deleteFrom('replica_link').execute();
      });
      rmSync(tokenFile, { force: true });
      if (timer) clearInterval(timer);
      timer = null;
      notice = null;
      reachable = true;
      return status();
    },
    async stop() {
      signIn?.cancel();
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
  return api;
}

/** A rebuild reads many pages; an entity seen twice keeps the later state only. */
function latestPerEntity(changes: readonly FeedChange[]): FeedChange[] {
  const latest = new Map<string, FeedChange>();
  for (const change of changes) latest.set(feedEntityKey(change), change);
  return [...latest.values()].sort((a, b) => a.seq - b.seq);
}
