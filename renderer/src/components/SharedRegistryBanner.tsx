import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { lazyFormat } from '../../../shared/calendar';
import type { ReplicaStatus } from '../../../shared/registry-feed';
import { callQuery, invalidateAfter } from '../calls/cache';
import { assessmentCount } from '../outbox';

/** The desktop pulls by itself (every 30 s by default); the banner looks at what it found a few times as often. */
const STATUS_POLL_MS = 5_000;

// Built on first use: every page mounts this banner, and a page's first Intl formatter costs it
// 30–40 ms of loading locale data (shared/calendar.ts), for a desktop that may follow no registry.
const clock = lazyFormat({ hour: '2-digit', minute: '2-digit' }, 'en-GB');
const day = lazyFormat({ month: 'short', day: 'numeric' });

/** "14:32 today", "09:10 yesterday", or "Nov 28, 16:05": how old the copy on screen is. */
export function dataAsOf(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  const time = clock(at);
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} yesterday`;
  return `${day(at)}, ${time}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** What changes when a pull brought news: new data, or an assessment sent, answered or sent back. */
function newsOf(status: ReplicaStatus): string {
  const { pending, conflicts, refused } = status.outbox;
  return `${status.cursor}:${pending}:${conflicts}:${refused}`;
}

/**
 * On a desktop that follows a shared registry: says when the server cannot be reached and how
 * old the copy on screen is, what the outbox waits for, and refreshes the pages when a pull
 * brought new data or an answer to an assessment sent from here.
 */
export function SharedRegistryBanner() {
  const client = useQueryClient();
  // Only a desktop that follows a registry keeps asking; connecting refetches it (the invalidation table).
  const { data: status } = useQuery({ ...callQuery('sharedRegistryStatus', {}), refetchInterval: (query) => (query.state.data?.connected ? STATUS_POLL_MS : false) });
  const news = useRef<string | null>(null);
  useEffect(() => {
    if (!status?.connected) return;
    if (news.current !== null && news.current !== newsOf(status)) void invalidateAfter(client, 'syncSharedRegistry');
    news.current = newsOf(status);
  }, [client, status]);

  if (!status?.connected) return null;
  return (
    <>
      <BannerFor status={status} />
      <DecisionsBanner status={status} />
    </>
  );
}

/** Assessments the registry sent back or refused wait for a person: the banner says so on every page until they are decided. */
function DecisionsBanner({ status }: { status: ReplicaStatus }) {
  const { conflicts, refused } = status.outbox;
  if (conflicts + refused === 0) return null;
  const parts = [
    conflicts > 0 && `${assessmentCount(conflicts)} sent back by the shared registry`,
    refused > 0 && `${assessmentCount(refused)} refused by the shared registry`,
  ].filter(Boolean);
  return (
    <p className="banner banner--warn" role="status">
      {parts.join(' and ')} {conflicts + refused === 1 ? 'needs' : 'need'} your decision. <Link to="/settings?decide=next">Compare and decide in Settings</Link>
    </p>
  );
}

/** "2 assessments finalized here will be sent when it is back." */
function waitingSentence(pending: number): string {
  return pending > 0 ? ` ${assessmentCount(pending)} finalized here will be sent when it is back.` : '';
}

function BannerFor({ status }: { status: ReplicaStatus }) {
  if (!status.reachable) {
    return (
      <p className="banner banner--warn" role="status">
        Shared registry not reachable — data as of {status.lastPulledAt ? dataAsOf(status.lastPulledAt) : 'the last pull'}.
        {waitingSentence(status.outbox.pending)}
      </p>
    );
  }
  if (status.problem) {
    return (
      <p className="banner banner--warn" role="status">
        {status.problem} Data as of {status.lastPulledAt ? dataAsOf(status.lastPulledAt) : 'the last pull'}.
      </p>
    );
  }
  return null;
}
