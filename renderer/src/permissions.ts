import { useQuery } from '@tanstack/react-query';
import { CALL_ACCESS, changedOnSharedRegistry, SHARED_REGISTRY_ONLY_CALLS } from '../../shared/call-access';
import { callQuery } from './calls/cache';
import type { CallName, Session } from '../../shared/contract';
import { decideAccess, LOCAL_CALLER, type Caller, type ResolvedScope } from '../../shared/permissions';
import { mayFollowSharedRegistry, useSession } from './session';

/** The caller the host will see, as far as the page knows it: enough to hide what would be refused. */
export function callerOf(session: Session): Caller {
  if (!session.person) return LOCAL_CALLER;
  const { person } = session;
  return { kind: 'person', userId: 0, identity: { issuer: person.issuer, subject: '', name: person.name, email: person.email }, grants: person.grants };
}

/**
 * Whether the signed-in person may make a call, from the contract's own declaration. Only for
 * hiding buttons: the host decides again for every call.
 */
export function useCan(): (call: CallName, scope?: ResolvedScope) => boolean {
  const refusal = useRefusal();
  return (call, scope) => refusal(call, scope) === null;
}

const FOLLOWER_REFUSES: ReadonlySet<CallName> = new Set(SHARED_REGISTRY_ONLY_CALLS);

/** The host's own sentence for a call this person may not make (null when they may), to show instead of a button. */
export function useRefusal(): (call: CallName, scope?: ResolvedScope) => string | null {
  const { session } = useSession();
  const caller = callerOf(session);
  // A desktop that follows a shared registry leaves facilities and people to the server.
  const { data: replica } = useQuery({ ...callQuery('sharedRegistryStatus', {}), enabled: mayFollowSharedRegistry(session) });
  const following = replica?.connected ? replica.serverUrl : null;
  return (call, scope) => {
    if (following && FOLLOWER_REFUSES.has(call)) return changedOnSharedRegistry(following);
    const decision = decideAccess(caller, CALL_ACCESS[call], scope ?? null);
    return decision.allowed ? null : decision.reason;
  };
}
