import { timingSafeEqual } from 'node:crypto';

/**
 * One content security policy for both hosts: scripts, styles and data only from the app
 * itself, nothing framed, nothing posted elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Electronegativity (CSP_GLOBAL_CHECK, LOW) notes that 'self' is weak where an origin hosts
  // JSONP, Angular templates or user uploads. Ours serves only the built bundle: the API answers
  // POSTed JSON alone, with nosniff, and nothing a user uploads is ever served back.
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Whether a secret someone sent is the one kept, in a time that does not say where they differ. */
export function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Text made safe to place in the small HTML pages the hosts write themselves. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
