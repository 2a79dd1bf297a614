import type { CallFailure, CallResult, FieldProblem } from '../../shared/call-result';
import type { ApiBridge, CallInput, CallName, CallOutput } from '../../shared/contract';
import type { DesktopPrintBridge } from '../../shared/desktop-print';

interface EarlyCalls {
  getSession?: Promise<CallResult<CallOutput<'getSession'>>>;
  capabilityMatrixFirstRows?: Promise<CallResult<CallOutput<'capabilityMatrixFirstRows'>>>;
}

declare global {
  interface Window {
    api?: ApiBridge;
    /** Only in the desktop app: Chromium's print engine behind the preload. */
    desktop?: DesktopPrintBridge;
    /** Calls public/first-call.js started before the app loaded (the matrix's first rows only when it opened on that page). */
    earlyCalls?: EarlyCalls;
  }
}

export class ApiError extends Error {
  readonly code: CallFailure['code'];
  readonly fields: FieldProblem[];
  constructor(failure: CallFailure) {
    super(failure.message);
    this.name = 'ApiError';
    this.code = failure.code;
    this.fields = failure.fields;
  }

  /** The message for one input field, if the host named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((problem) => problem.field === field)?.message;
  }
}

type TypedClient = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/** The renderer's one client: resolves with the value or throws an ApiError to show. */
export const api = new Proxy({} as TypedClient, {
  get(_target, name: string) {
    return async (input: unknown) => {
      const bridge = window.api;
      if (!bridge) throw new Error('window.api is missing: the page was opened outside TransferReady.');
      const call = bridge[name as CallName] as (input: unknown) => ReturnType<ApiBridge[CallName]>;
      return settle<unknown>(await call(input));
    };
  },
});

function settle<T>(result: CallResult<T>): T {
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/**
 * The answer to a call public/first-call.js started before the app loaded, if there is one
 * (taken once, so asking again later really asks again), otherwise a new call.
 */
export function earlyAnswer<K extends keyof EarlyCalls>(name: K, ask: () => Promise<CallOutput<K>>): Promise<CallOutput<K>> {
  const started = window.earlyCalls?.[name] as Promise<CallResult<CallOutput<K>>> | undefined;
  if (window.earlyCalls) delete window.earlyCalls[name];
  // A transport failure of the early call (not an answer) is retried through the bridge.
  return started ? started.then(settle, ask) : ask();
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Try again.';
}
