import { failure, type CallResult } from '../../shared/call-result';
import { CALL_NAMES, type ApiBridge } from '../../shared/contract';

/**
 * Browser mode: the same `window.api` the Electron preload installs, carried over HTTP to the
 * host that served this page.
 */
export function createHttpBridge(): ApiBridge {
  const entries = CALL_NAMES.map((name) => [
    name,
    async (input: unknown): Promise<CallResult<unknown>> => {
      let response: Response;
      try {
        response = await fetch(`api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return failure(
          'internal',
          'TransferReady is not reachable. Check that "npm run serve" is still running, then try again; what you typed is still here.',
        );
      }
      try {
        return (await response.json()) as CallResult<unknown>;
      } catch {
        return failure('internal', `TransferReady answered with an unexpected response (HTTP ${response.status}). Try again.`);
      }
    },
  ]);
  return Object.fromEntries(entries) as ApiBridge;
}
