/** What react-hook-form stores for inputs whose text is not the value itself (its `setValueAs`). */

/**
 * A number input's value as the schema judges it: empty is "not given" (null), anything else the
 * number it reads as, so "3.5" meets "Enter whole days." rather than vanishing.
 */
export function optionalNumber(value: unknown): number | null {
  return value === '' || value === null || value === undefined ? null : Number(value);
}

/** A choice whose first option means "none", such as a select's "Not recorded". */
export function optionalChoice<T extends string>(value: unknown): T | null {
  return value === '' || value === null || value === undefined ? null : (value as T);
}
