import { get, type FieldErrors, type FieldValues } from 'react-hook-form';

interface Held {
  message?: unknown;
  root?: { message?: unknown };
}

/** The message react-hook-form holds for one field path (from the shared schema or the host), if any. */
export function messageAt(errors: FieldErrors, path: string): string | undefined {
  const held = get(errors, path) as Held | undefined;
  // A problem with a list as a whole sits under `root` once the list's items are fields of their own.
  const message = held?.message ?? held?.root?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/** Every message react-hook-form holds, by field path (`patient.name`, `treatments.0.detail`). */
export function messagesByPath<Values extends FieldValues>(errors: FieldErrors<Values>): [string, string][] {
  const found: [string, string][] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const { message } = node as Held;
    if (typeof message === 'string' && message !== '') found.push([path, message]);
    for (const [key, child] of Object.entries(node)) {
      // `ref` is the input element itself, `types` repeats the messages by rule.
      if (key === 'ref' || key === 'types' || key === 'message' || key === 'type') continue;
      walk(child, key === 'root' ? path : path ? `${path}.${key}` : key);
    }
  };
  walk(errors, '');
  return found;
}

/** The first message at a path or under it, for a group of inputs that shows one message for all of them. */
export function messageUnder(errors: FieldErrors, path: string): string | undefined {
  return messagesByPath(errors).find(([field]) => field === path || field.startsWith(`${path}.`))?.[1];
}
