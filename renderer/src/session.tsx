import { createContext, useContext } from 'react';
import type { Session } from '../../shared/contract';
import type { UserProfile } from '../../shared/profile';
import type { AppSettings } from '../../shared/settings';

export interface SessionState {
  session: Session;
  profileSaved(profile: UserProfile): void;
  settingsSaved(settings: AppSettings): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession is used outside the signed-in layout');
  return state;
}

/**
 * Whether this app can follow a shared registry: a desktop or a loopback host without sign-in.
 * A shared host (or a signed-in session on one) is the registry itself, and asks nothing of it.
 */
export function mayFollowSharedRegistry(session: Session): boolean {
  return !session.sharedRegistry && !session.person;
}
