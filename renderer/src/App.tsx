import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { Session } from '../../shared/contract';
import { USER_ROLE_LABELS, type UserProfile } from '../../shared/profile';
import { api, earlyAnswer } from './api';
import { callQuery, readState } from './calls/cache';
import { queryKeyFor } from './calls/query-keys';
import type { AppSettings } from '../../shared/settings';
import { preloadPageFor } from './page-chunks';
import { mayFollowSharedRegistry, SessionContext, useSession, type SessionState } from './session';
import { SharedRegistryBanner } from './components/SharedRegistryBanner';
import { SignedInPerson } from './components/SignedInPerson';
import { useCan } from './permissions';

// Only someone opening the app for the first time sees it, with its form.
const WelcomePage = lazy(() => import('./pages/WelcomePage').then((module) => ({ default: module.WelcomePage })));

/** Checks take about a second per 250 MB; a second and a half keeps the wait for a found problem short. */
const STORAGE_CHECK_POLL_MS = 1500;

export function App() {
  const queryClient = useQueryClient();
  const sessionQuery = useQuery({
    ...callQuery('getSession', {}),
    queryFn: () => earlyAnswer('getSession', () => api.getSession({})),
    // The host checks the data file and takes the day's backup after it starts; what that finds
    // (damage, a backup that failed) joins the banner when it is known.
    refetchInterval: (query) => (query.state.data?.checkingStorage ? STORAGE_CHECK_POLL_MS : false),
  });
  const session = sessionQuery.data ?? null;
  // A failed refetch keeps the session it had; only a first read that failed stops the app.
  const loadError = session ? null : readState(sessionQuery).errorMessage;

  const patchSession = useCallback(
    (patch: Partial<Session>) => queryClient.setQueryData(queryKeyFor('getSession', {}), (current) => (current ? { ...current, ...patch } : current)),
    [queryClient],
  );
  const profileSaved = useCallback((profile: UserProfile) => patchSession({ profile }), [patchSession]);
  const settingsSaved = useCallback((settings: AppSettings) => patchSession({ settings }), [patchSession]);
  const state = useMemo<SessionState | null>(
    () => (session ? { session, profileSaved, settingsSaved } : null),
    [session, profileSaved, settingsSaved],
  );

  if (loadError) {
    return (
      <main className="welcome" id="main">
        <div className="welcome__card">
          <h1>TransferReady could not start</h1>
          <p className="banner banner--error" role="alert">
            {loadError}
          </p>
          <button type="button" className="button button--primary" onClick={() => void sessionQuery.refetch()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!session || !state) {
    return <Loading />;
  }
  if (!session.profile) {
    return (
      <Suspense fallback={<Loading />}>
        <WelcomePage onSaved={profileSaved} />
      </Suspense>
    );
  }

  return (
    <SessionContext.Provider value={state}>
      <Layout profile={session.profile} storageWarning={session.storageWarning}>
        <Outlet />
      </Layout>
    </SessionContext.Provider>
  );
}

function Layout({ profile, storageWarning, children }: { profile: UserProfile; storageWarning: string | null; children: React.ReactNode }) {
  const { session } = useSession();
  const can = useCan();
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            TR
          </span>
          <span>
            TransferReady
            <span className="brand__tagline">SPS transfer readiness</span>
          </span>
        </div>
        <nav aria-label="Main" className="nav">
          <PageLink to="/facilities">Facilities</PageLink>
          <PageLink to="/matrix">Matrix</PageLink>
          <PageLink to="/compare">Compare</PageLink>
          <PageLink to="/coverage">Coverage</PageLink>
          <PageLink to="/map">Map</PageLink>
          {can('listCases') && <PageLink to="/cases">Transfer cases</PageLink>}
          {can('importFacilities') && <PageLink to="/import">Import</PageLink>}
          {can('listAuditEvents') && <PageLink to="/audit">Audit trail</PageLink>}
          <PageLink to="/about">Questions</PageLink>
          <PageLink to="/settings">Settings</PageLink>
          {session.person && can('listUsers') && <PageLink to="/users">Users</PageLink>}
        </nav>
        {session.person ? (
          <SignedInPerson person={session.person} />
        ) : (
          <div className="whoami" title="Recorded as the author of your changes">
            <span className="whoami__name">{profile.name}</span>
            <span className="whoami__role">{USER_ROLE_LABELS[profile.role]}</span>
          </div>
        )}
      </header>
      <main className="content" id="main" tabIndex={-1}>
        {storageWarning ? (
          <p className="banner banner--warn" role="alert">
            {storageWarning}
          </p>
        ) : null}
        {mayFollowSharedRegistry(session) && <SharedRegistryBanner />}
        {children}
      </main>
    </div>
  );
}

/** A link in the main menu; pointing at it or tabbing to it starts loading its page's code. */
function PageLink({ to, children }: { to: string; children: string }) {
  const preload = () => preloadPageFor(`#${to}`);
  return (
    <NavLink to={to} onPointerEnter={preload} onFocus={preload}>
      {children}
    </NavLink>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      Loading TransferReady…
    </p>
  );
}
