import { CALL_ACCESS } from '../../shared/call-access';
import type { CallName, Session } from '../../shared/contract';
import { decideAccess, LOCAL_CALLER, type Caller, type ResolvedScope } from '../../shared/permissions';
import { useSession } from './session';

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

/** The host's own sentence for a call this person may not make (null when they may), to show instead of a button. */
export function useRefusal(): (call: CallName, scope?: ResolvedScope) => string | null {
  const { session } = useSession();
  const caller = callerOf(session);
  return (call, scope) => {
    const decision = decideAccess(caller, CALL_ACCESS[call], scope ?? null);
    return decision.allowed ? null : decision.reason;
  };
}
