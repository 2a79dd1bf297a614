import { useState } from 'react';
import { errorMessage } from '../../../api';
import { useCallMutation } from '../../../calls/cache';

/** Keeps the registry's version: asks first, since this desktop's version is then withdrawn and its draft removed. */
export function KeepTheirsButton({ clientId }: { clientId: string }) {
  const resolve = useCallMutation('resolveOutboxEntry');
  const [confirming, setConfirming] = useState(false);
  // A new attempt starts a fresh mutation, which clears it.
  const error = resolve.error && errorMessage(resolve.error);

  return (
    <div className="confirm">
      {confirming ? (
        <>
          <p>Your version is withdrawn and its draft is removed from this desktop. The registry&apos;s version stays as it is.</p>
          <button type="button" className="button button--primary" disabled={resolve.isPending} onClick={() => resolve.mutate({ clientId, decision: 'keep-theirs' })}>
            Keep the registry&apos;s version
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Keep the registry&apos;s version…
        </button>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
