import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ReplicaStatus } from '../../../shared/registry-feed';
import { callQuery, invalidateAfter } from '../calls/cache';

/** The desktop pulls by itself (every 30 s by default); the banner looks at what it found a few times as often. */
const STATUS_POLL_MS = 5_000;

const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** "14:32 today", "09:10 yesterday", or "Nov 28, 16:05": how old the copy on screen is. */
export function dataAsOf(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  const clock = CLOCK.format(at);
  if (days === 0) return `${clock} today`;
  if (days === 1) return `${clock} yesterday`;
  return `${DAY.format(at)}, ${clock}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/**
 * On a desktop that follows a shared registry: says when the server cannot be reached and how
 * old the copy on screen is, and refreshes the pages when a pull brought new data.
 */
export function SharedRegistryBanner() {
  const client = useQueryClient();
  const { data: status } = useQuery({ ...callQuery('sharedRegistryStatus', {}), refetchInterval: STATUS_POLL_MS });
  const cursor = useRef<number | null>(null);
  useEffect(() => {
    if (!status?.connected) return;
    if (cursor.current !== null && cursor.current !== status.cursor) void invalidateAfter(client, 'syncSharedRegistry');
    cursor.current = status.cursor;
  }, [client, status]);

  if (!status?.connected) return null;
  return <BannerFor status={status} />;
}

function BannerFor({ status }: { status: ReplicaStatus }) {
  if (!status.reachable) {
    return (
      <p className="banner banner--warn" role="status">
        Shared registry not reachable — data as of {status.lastPulledAt ? dataAsOf(status.lastPulledAt) : 'the last pull'}.
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
