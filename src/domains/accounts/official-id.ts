// Official identifiers of organisations: BE enterprise number (BCE/KBO) and LU registry ids.
// Rules: ../shared/reference/identifiers.md.

/** BE enterprise number: 10 digits, first 0 or 1, last two = 97 − (first eight mod 97). Accepts "0765.432.146". */
export function isValidBelgianEnterpriseNumber(value: string): boolean {
  const digits = value.replace(/[\s.]/g, "").replace(/^BE/i, "");
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
}

/**
 * LU registry id: an RCS number (a letter and up to six digits, e.g. "B123456") or the 11-digit national
 * identification number of a legal person (public bodies are not in the RCS).
 */
export function isValidLuxembourgRegistryId(value: string): boolean {
  const compact = value.replace(/\s/g, "").replace(/^RCS/i, "");
  return /^[A-K]\d{1,6}$/.test(compact) || /^\d{11}$/.test(compact);
}

export function isValidOfficialId(country: "LU" | "BE", value: string): boolean {
  return country === "BE" ? isValidBelgianEnterpriseNumber(value) : isValidLuxembourgRegistryId(value);
}

/** The form in which an official id is shown: BE "0765.432.146", LU as given. */
export function formatOfficialId(country: "LU" | "BE", value: string): string {
  if (country !== "BE") return value.trim();
  const d = value.replace(/[\s.]/g, "").replace(/^BE/i, "");
  return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}
