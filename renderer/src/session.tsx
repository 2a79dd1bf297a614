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
