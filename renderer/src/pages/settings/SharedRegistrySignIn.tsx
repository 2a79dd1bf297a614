import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { beginSharedRegistrySignInSchema } from '../../../../shared/registry-feed';
import { errorMessage } from '../../api';
import { callQuery, invalidateAfter, useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { showHostProblems } from '../../forms/host-problems';

/** While the person signs in in their browser, the desktop's status is looked at this often. */
const WHILE_SIGNING_IN_POLL_MS = 1_500;

/**
 * Signs this desktop in to a shared registry through the system browser (RFC 8252): the desktop
 * listens on its own loopback address, the registry's sign-in page opens in the browser, and the
 * desktop connects when the person has finished there. With `serverUrl`, the desktop already
 * follows that registry and signs in again (its sign-in expired or was ended on the server).
 */
export function SharedRegistrySignIn({ serverUrl }: { serverUrl?: string | null }) {
  const client = useQueryClient();
  const begin = useCallMutation('beginSharedRegistrySignIn');
  const [browserUrl, setBrowserUrl] = useState<string | null>(null);
  const { data: status } = useQuery({
    ...callQuery('sharedRegistryStatus', {}),
    refetchInterval: (query) => (query.state.data?.signIn.underWay ? WHILE_SIGNING_IN_POLL_MS : false),
  });
  const underWay = status?.signIn.underWay ?? false;
  const wasUnderWay = useRef(false);
  useEffect(() => {
    // Finished in the browser: the registry every page reads has changed.
    if (wasUnderWay.current && !underWay) {
      setBrowserUrl(null);
      void invalidateAfter(client, 'connectSharedRegistry');
    }
    wasUnderWay.current = underWay;
  }, [client, underWay]);

  // Shown only by the "sign in again" button, which therefore drops its rejection; the form puts
  // failures on its field. A new attempt starts a fresh mutation, which clears it.
  const startError = begin.error && errorMessage(begin.error);

  async function start(address: string): Promise<void> {
    const { browserUrl: url } = await begin.mutateAsync({ serverUrl: address });
    setBrowserUrl(url);
    // The system browser: a new tab in browser mode; the desktop app hands it to the default browser.
    window.open(url, '_blank', 'noopener,noreferrer');
  }

  const waiting = underWay && (
    <div className="banner banner--info" role="status">
      <p>Finish signing in in your browser… This page carries on by itself when you are done.</p>
      {browserUrl && (
        <p>
          No browser tab opened?{' '}
          <a href={browserUrl} target="_blank" rel="noopener noreferrer">
            Open the sign-in page
          </a>
          .
        </p>
      )}
    </div>
  );
  const lastProblem = !underWay && status?.signIn.problem && (
    <p className="banner banner--error" role="alert">
      {status.signIn.problem}
    </p>
  );

  if (serverUrl) {
    return (
      <>
        {waiting}
        {lastProblem}
        {startError && (
          <p className="banner banner--error" role="alert">
            {startError}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={begin.isPending}
            onClick={() => void start(serverUrl).catch(() => undefined)}
          >
            {underWay ? 'Start signing in again' : 'Sign in again'}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      {waiting}
      {lastProblem}
      <SignInForm onStart={start} />
    </>
  );
}

function SignInForm({ onStart }: { onStart: (serverUrl: string) => Promise<void> }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof beginSharedRegistrySignInSchema>, unknown, z.output<typeof beginSharedRegistrySignInSchema>>({
    resolver: zodResolver(beginSharedRegistrySignInSchema),
    defaultValues: { serverUrl: '' },
  });
  const submit = handleSubmit(async ({ serverUrl }) => {
    try {
      await onStart(serverUrl);
    } catch (failure) {
      const rest = showHostProblems(failure, setError, ['serverUrl']);
      if (rest) setError('serverUrl', { type: 'host', message: rest });
    }
  });
  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Shared registry address"
        hint="Your browser opens to sign in there with your hospital account; then this desktop connects."
        placeholder="https://transferready.example.org"
        autoComplete="url"
        {...register('serverUrl')}
        error={errors.serverUrl?.message}
      />
      <div className="actions form-grid__wide">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Opening your browser…' : 'Sign in through your browser'}
        </button>
      </div>
    </form>
  );
}
