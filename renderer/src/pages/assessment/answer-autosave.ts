import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Assessment, CapabilityAnswer } from '../../../../shared/assessment';
import { capabilityAnswerSchema } from '../../../../shared/assessment-schemas';
import type { CapabilityId } from '../../../../shared/questionnaire';
import { api, errorMessage } from '../../api';
import { invalidateAfter } from '../../calls/cache';
import { queryKeyFor } from '../../calls/query-keys';
import type { SaveStatus } from '../../components/SaveState';

/** Long enough that typing a word is one save, short enough that a closed window loses nothing. */
const PAUSE_BEFORE_SAVING_MS = 400;

/**
 * Saves a draft's answers as they are typed: the latest answer per capability waits for a pause,
 * then the saves go out one after another in the order they were made (one mutation scope per
 * assessment), so an older answer never lands after a newer one.
 */
export function useAnswerAutosave(assessmentId: number) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  /** Capabilities whose latest answer the schema refuses, with why: that answer is not saved yet. */
  const [refused, setRefused] = useState<ReadonlyMap<CapabilityId, string>>(new Map());
  const pending = useRef(new Map<CapabilityId, CapabilityAnswer>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSave = useRef<Promise<unknown>>(Promise.resolve());

  const save = useMutation({
    scope: { id: `saveAnswer:${assessmentId}` },
    mutationFn: (input: { capabilityId: CapabilityId; answer: CapabilityAnswer }) => api.saveAnswer({ assessmentId, ...input }),
    onSuccess: ({ savedAt }, { capabilityId, answer }) => {
      // The reply says the answer is stored as sent (after the schema's trimming), so the cached
      // draft takes it from here: rereading the assessment after each pause in typing only made
      // the page say "Updating…" for what it already shows.
      queryClient.setQueryData(queryKeyFor('getAssessment', { assessmentId }), (cached: Assessment | undefined) =>
        cached && { ...cached, updatedAt: savedAt, answers: { ...cached.answers, [capabilityId]: capabilityAnswerSchema.parse(answer) } },
      );
      // Not awaited: the next answer in the queue must not wait for the audit trail's reread.
      void invalidateAfter(queryClient, 'saveAnswer');
    },
  });
  const { mutateAsync } = save;

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const batch = [...pending.current];
    pending.current.clear();
    if (batch.length > 0) {
      setStatus({ kind: 'saving' });
      const saves = batch.map(([capabilityId, answer]) =>
        mutateAsync({ capabilityId, answer }).then(
          ({ savedAt }) => setStatus({ kind: 'saved', at: savedAt }),
          (failure: unknown) => {
            // Kept for the next save unless a newer answer has taken its place meanwhile.
            if (!pending.current.has(capabilityId)) pending.current.set(capabilityId, answer);
            setStatus({ kind: 'failed', message: errorMessage(failure) });
          },
        ),
      );
      lastSave.current = Promise.all([lastSave.current, ...saves]);
    }
    return lastSave.current.then(() => undefined);
  }, [mutateAsync]);

  const schedule = useCallback(
    (capabilityId: CapabilityId, answer: CapabilityAnswer) => {
      // An answer the host would refuse is not sent; the form shows why beside the field, and the
      // next change that fixes it is saved as usual.
      const checked = capabilityAnswerSchema.safeParse(answer);
      const refusal = checked.success ? undefined : (checked.error.issues[0]?.message ?? 'An answer needs correcting.');
      setRefused((current) => {
        if (current.get(capabilityId) === refusal) return current;
        const next = new Map(current);
        if (refusal === undefined) next.delete(capabilityId);
        else next.set(capabilityId, refusal);
        return next;
      });
      if (!checked.success) return;
      // Said at once: a change waiting for the pause is not saved yet.
      setStatus({ kind: 'saving' });
      pending.current.set(capabilityId, answer);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), PAUSE_BEFORE_SAVING_MS);
    },
    [flush],
  );

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (pending.current.size > 0) {
        void flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      // Leaving the page inside the pause still saves what was typed.
      void flush();
    };
  }, [flush]);

  const [firstRefusal] = refused.values();
  return { status: firstRefusal === undefined ? status : ({ kind: 'failed', message: firstRefusal } as const), schedule, flush };
}
