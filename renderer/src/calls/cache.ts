import { keepPreviousData, QueryClient, queryOptions, useMutation, useQuery, type QueryClient as Client } from '@tanstack/react-query';
import type { CallInput, CallOutput } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { invalidatedBy, type ReadCall, type WriteCall } from './invalidation';
import { queryKeyFor, queryKeysOf } from './query-keys';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The core is on this computer: a failure is an answer (not found, refused), not a flaky
        // network, and its message is shown at once as it was before the cache.
        retry: false,
        // Someone may have changed the data in another window, or through the CLI, meanwhile.
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
      },
      mutations: { retry: false },
    },
  });
}

/** The query for one read of the contract; pages add their own options (select, intervals) to it. */
export function callQuery<K extends ReadCall>(name: K, input: CallInput<K>) {
  const call = api[name] as (input: CallInput<K>) => Promise<CallOutput<K>>;
  return queryOptions({ queryKey: queryKeyFor(name, input), queryFn: () => call(input) });
}

/** What a page shows of a read: the message for a failure and whether it is being read again. */
export function readState(query: { error: Error | null; isFetching: boolean; isPending: boolean }) {
  return {
    errorMessage: query.error ? errorMessage(query.error) : null,
    // Data is on screen and a newer copy is on its way: say so instead of blanking the page.
    updating: query.isFetching && !query.isPending,
  };
}

interface CallOptions {
  enabled?: boolean;
  /** Keep showing the answer for the previous input (a filter, a page) until the new one is in. */
  keepPrevious?: boolean;
}

/** One read of the contract, cached under its call name and input. */
export function useCall<K extends ReadCall>(name: K, input: CallInput<K>, { enabled = true, keepPrevious = false }: CallOptions = {}) {
  const query = useQuery({ ...callQuery(name, input), enabled, ...(keepPrevious ? { placeholderData: keepPreviousData } : {}) });
  return { ...query, ...readState(query) };
}

/** Refetches every read the write makes out of date (INVALIDATED_BY), and waits for those on screen. */
export async function invalidateAfter(client: Client, name: WriteCall): Promise<void> {
  await Promise.all(invalidatedBy(name).map((read) => client.invalidateQueries({ queryKey: queryKeysOf(read) })));
}

/**
 * A write of the contract. It settles once the pages' data is current again, so code that goes
 * on after `mutateAsync` sees the new state, as it did when each page reloaded by hand.
 */
export function useCallMutation<K extends WriteCall>(name: K) {
  const call = api[name] as (input: CallInput<K>) => Promise<CallOutput<K>>;
  return useMutation({
    mutationFn: (input: CallInput<K>) => call(input),
    onSuccess: (_data, _input, _result, context) => invalidateAfter(context.client, name),
  });
}
