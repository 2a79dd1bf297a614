import type { OutboxEntry } from '../../shared/assessment-submission';
import { formatTimestamp } from '../../shared/calendar';
import { useCall } from './calls/cache';
import { mayFollowSharedRegistry, useSession } from './session';

/**
 * The assessments finalized on this desktop for the shared registry it follows (issue 16).
 * Only a desktop that follows a registry reads its outbox: plain desktops and shared hosts
 * ask nothing more than before.
 */
export function useOutbox() {
  const { session } = useSession();
  const mayFollow = mayFollowSharedRegistry(session);
  const status = useCall('sharedRegistryStatus', {}, { enabled: mayFollow });
  const following = mayFollow && status.data?.connected === true;
  const outbox = useCall('listOutbox', {}, { enabled: following });
  return {
    following,
    /** True until it is known whether there is an outbox and, if so, what it holds. */
    loading: mayFollow && (status.isPending || (following && outbox.isPending)),
    entries: following ? (outbox.data ?? []) : [],
    errorMessage: outbox.errorMessage,
  };
}

/** Sent back by the registry: a person decides (keep theirs, or send again as an amendment). */
export function needsDecision(entry: OutboxEntry): boolean {
  return entry.state === 'conflict' || entry.state === 'refused';
}

/**
 * What became of a draft finalized here: its newest entry (sending again queues a new one for
 * the same draft). A draft id is used again once the registry's copy has replaced the draft, so
 * an entry older than a draft that still exists speaks of an earlier draft, not this one.
 */
export function entryForDraft(entries: OutboxEntry[], localAssessmentId: number, draftCreatedAt: string | null): OutboxEntry | undefined {
  const entry = entries.find((candidate) => candidate.localAssessmentId === localAssessmentId);
  if (!entry || draftCreatedAt === null) return entry;
  return entry.queuedAt >= draftCreatedAt ? entry : undefined;
}

/** A facility's entries still on their way or waiting for a decision, newest first. */
export function unsettledFor(entries: OutboxEntry[], facilityId: number): OutboxEntry[] {
  return entries.filter((entry) => entry.facilityId === facilityId && (entry.state === 'pending' || needsDecision(entry)));
}

/** The entry's state in words, as the list and the assessment page say it. */
export function outboxStateText(entry: OutboxEntry): string {
  switch (entry.state) {
    case 'pending':
      return 'Waiting to be sent';
    case 'delivered':
      return `Accepted by the registry on ${entry.deliveredAt ? formatTimestamp(entry.deliveredAt) : 'its last answer'}`;
    case 'conflict':
      return 'Sent back: needs your decision';
    case 'refused':
      return `Refused: ${entry.serverMessage ?? 'the registry gave no reason.'}`;
    case 'withdrawn':
      return 'Withdrawn';
  }
}

/** Where the assessor compares the two versions and decides. */
export function decisionPath(entry: OutboxEntry): string {
  return `/settings?decide=${encodeURIComponent(entry.clientId)}`;
}

/** "1 assessment", "2 assessments". */
export function assessmentCount(count: number): string {
  return `${count} assessment${count === 1 ? '' : 's'}`;
}
