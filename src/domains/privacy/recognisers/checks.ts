// Check-digit arithmetic shared by the recognisers: mod 97, Luhn, Verhoeff and calendar dates.

/** Remainder of a digit string of any length modulo 97 (too long for a double past 15 digits). */
export function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i++) rest = (rest * 10 + digits.charCodeAt(i) - 48) % 97;
  return rest;
}

/** The Luhn digit that, appended to `digits`, makes the whole pass the Luhn check. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // The appended digit takes the rightmost (undoubled) place, so doubling starts at the last given digit.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

// Verhoeff's dihedral group D5: multiplication, permutation and inverse tables.
export const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
export const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
export const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** The Verhoeff digit that, appended to `digits`, makes the whole pass the Verhoeff check. */
export function verhoeffCheckDigit(digits: string): number {
  let c = 0;
  // Positions count from the right starting at 1, because position 0 is the check digit to come.
  for (let i = digits.length - 1, position = 1; i >= 0; i--, position++) {
    c = VERHOEFF_D[c]![VERHOEFF_P[position % 8]![digits.charCodeAt(i) - 48]!]!;
  }
  return VERHOEFF_INV[c]!;
}

/** Whether year-month-day is a day of the proleptic Gregorian calendar (29 February only in leap years). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** The value without the separators people type inside identifiers: spaces, dots, dashes, slashes. */
export function compact(value: string): string {
  return value.replace(/[\s.\-/]/g, "");
}
