/**
 * A label as it reads inside a sentence: "Plasma exchange" → "plasma exchange", while a first word
 * with other capitals ("IVIG course planned", "IgA deficiency") is an acronym and stays as it is.
 */
export function inSentence(label: string): string {
  return /^[A-Z][a-z-]*(\s|$)/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
