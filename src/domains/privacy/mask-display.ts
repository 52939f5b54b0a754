// Masked examples for scan reports: enough of a value to recognise its kind, not enough to identify anyone.

const HIDDEN = "•";

/** "85073112345" → "85•••••••45": two characters at each end from 8 characters on, one below, none under 4. */
export function maskExample(value: string): string {
  const chars = [...value];
  const keep = chars.length >= 8 ? 2 : chars.length >= 4 ? 1 : 0;
  if (keep === 0) return HIDDEN.repeat(chars.length);
  return chars.slice(0, keep).join("") + HIDDEN.repeat(chars.length - 2 * keep) + chars.slice(-keep).join("");
}
