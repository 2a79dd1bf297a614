import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { formatTimestamp } from '../../../../shared/calendar';
import { connectSharedRegistrySchema } from '../../../../shared/registry-feed';
import { errorMessage } from '../../api';
import { useCall, useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { showHostProblems } from '../../forms/host-problems';
import { useCan } from '../../permissions';
import { OutboxSection } from './outbox/OutboxSection';
import { SharedRegistrySignIn } from './SharedRegistrySignIn';

/**
 * Settings → Shared registry: point this desktop at the health system's registry server. From
 * then on its registry pages read a copy pulled from the server, which keeps working offline.
 */
export function SharedRegistryCard() {
  const { data: status, errorMessage: loadError } = useCall('sharedRegistryStatus', {});
  const can = useCan();
  const sync = useCallMutation('syncSharedRegistry');
  const disconnect = useCallMutation('disconnectSharedRegistry');
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!status) return loadError ? <p className="banner banner--error" role="alert">{loadError}</p> : null;
  if (!status.connected) {
    return (
      <>
        <p>
          A health system runs one shared registry. Connect this desktop to it to see every facility the system has assessed; a copy
          is kept here, so the matrix and transfer cases keep working when the network does not. Transfer cases and letters stay on
          this computer.
        </p>
        {can('connectSharedRegistry') ? (
          <>
            <section className="connect-way" aria-labelledby="connect-sign-in-heading">
              <h3 id="connect-sign-in-heading">With your hospital account</h3>
              <SharedRegistrySignIn />
            </section>
            <section className="connect-way" aria-labelledby="connect-token-heading">
              <h3 id="connect-token-heading">With an access token, or to a server on this computer</h3>
              <ConnectForm />
            </section>
          </>
        ) : (
          <p className="muted">Only a registry administrator can connect this desktop.</p>
        )}
      </>
    );
  }

  async function run(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
    } catch (failure) {
      setActionError(errorMessage(failure));
    }
  }

  return (
    <>
      <dl className="facts">
        <dt>Server</dt>
        <dd>
          <code>{status.serverUrl}</code>
        </dd>
        <dt>Copy here as of</dt>
        <dd>{status.lastPulledAt ? formatTimestamp(status.lastPulledAt) : 'Not pulled yet'}</dd>
        <dt>Connection</dt>
        <dd>{status.reachable ? 'Reachable' : 'Not reachable: showing the copy kept here'}</dd>
      </dl>
      {status.notice && (
        <p className="banner banner--info" role="status">
          {status.notice}
        </p>
      )}
      {status.problem && (
        <p className="banner banner--warn" role="alert">
          {status.problem}
        </p>
      )}
      {(status.needsSignIn || status.signIn.underWay || status.signIn.problem) && <SharedRegistrySignIn serverUrl={status.serverUrl} />}
      {actionError && (
        <p className="banner banner--error" role="alert">
          {actionError}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={sync.isPending} onClick={() => void run(() => sync.mutateAsync({}))}>
          {sync.isPending ? 'Pulling…' : 'Pull changes now'}
        </button>
        {can('disconnectSharedRegistry') &&
          (confirming ? (
            <>
              <span>Disconnect? The shared registry&apos;s facilities leave this desktop, except those your transfer cases name.</span>
              <button
                type="button"
                className="button button--primary"
                disabled={disconnect.isPending}
                onClick={() => void run(async () => {
                  await disconnect.mutateAsync({});
                  setConfirming(false);
                })}
              >
                Disconnect
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Keep connected
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Disconnect…
            </button>
          ))}
      </div>
      <OutboxSection />
    </>
  );
}

function ConnectForm() {
  const connect = useCallMutation('connectSharedRegistry');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof connectSharedRegistrySchema>, unknown, z.output<typeof connectSharedRegistrySchema>>({
    resolver: zodResolver(connectSharedRegistrySchema),
    defaultValues: { serverUrl: '', accessToken: '' },
  });

  const submit = handleSubmit(async (input) => {
    try {
      await connect.mutateAsync(input.accessToken ? input : { serverUrl: input.serverUrl });
    } catch (failure) {
      const rest = showHostProblems(failure, setError, ['serverUrl', 'accessToken']);
      if (rest) setError('serverUrl', { type: 'host', message: rest });
    }
  });

  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
      <TextField label="Server address" placeholder="https://transferready.example.org" autoComplete="url" {...register('serverUrl')} error={errors.serverUrl?.message} />
      <TextField
        label="Access token (if the server gave you one)"
        hint="A server started with an access token prints it; leave this empty otherwise."
        type="password"
        autoComplete="off"
        {...register('accessToken')}
        error={errors.accessToken?.message}
      />
      <div className="actions form-grid__wide">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Connecting…' : 'Connect and copy the registry'}
        </button>
      </div>
    </form>
  );
}
