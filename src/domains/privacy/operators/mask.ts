// Masking: keep the first and/or last characters of a value, hide the rest behind one character, keep the length.

export interface MaskOptions {
  keepFirst: number;
  keepLast: number;
  char: string;
}
/** Four last characters, as on a bank statement; "*" rather than "•" because data files travel through old tools. */
export const MASK_DEFAULTS: MaskOptions = { keepFirst: 0, keepLast: 4, char: "*" };

/** A value too short to hide anything once the kept characters are shown is hidden whole. */
export function maskValue(value: string, options: MaskOptions = MASK_DEFAULTS): string {
  const chars = [...value];
  if (chars.length === 0) return value;
  if (options.keepFirst + options.keepLast >= chars.length) return options.char.repeat(chars.length);
  const hidden = chars.length - options.keepFirst - options.keepLast;
  return chars.slice(0, options.keepFirst).join("") + options.char.repeat(hidden) + chars.slice(chars.length - options.keepLast).join("");
}
