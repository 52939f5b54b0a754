// Every recogniser, in the order that settles ties: the more specific identifier first.
import type { EntityId } from "../schema.ts";
import { beBisNumber, beNationalNumber } from "./be-national-number.ts";
import { beEidCard } from "./eid-card.ts";
import { email } from "./email.ts";
import { beEnterpriseNumber, beEstablishmentUnit } from "./enterprise-number.ts";
import { iban } from "./iban.ts";
import { luNationalId } from "./lu-national-id.ts";
import { phone } from "./phone.ts";
import { plate } from "./plate.ts";
import { postcode } from "./postcode.ts";
import type { Recogniser } from "./recogniser.ts";
import { beVat, luVat } from "./vat.ts";

export type { Evidence, Recogniser } from "./recogniser.ts";

/**
 * Checksummed identifiers come before the rest, and an enterprise number before a VAT number: ten bare digits
 * pass both, and without a header saying "VAT" they are more likely an enterprise number.
 */
export const recognisers: readonly Recogniser[] = [
  beNationalNumber,
  beBisNumber,
  luNationalId,
  beEidCard,
  beEnterpriseNumber,
  beEstablishmentUnit,
  beVat,
  luVat,
  iban,
  email,
  phone,
  plate,
  postcode,
];

const byEntity = new Map(recognisers.map((r) => [r.entity, r]));

export function recogniserFor(entity: EntityId): Recogniser {
  return byEntity.get(entity)!;
}

/** The entities a whole value is, each with its canonical form. Several when shapes are shared (ten digits). */
export function recognise(value: string): Array<{ entity: EntityId; canonical: string }> {
  const found: Array<{ entity: EntityId; canonical: string }> = [];
  for (const recogniser of recognisers) {
    const canonical = recogniser.parse(value);
    if (canonical !== null) found.push({ entity: recogniser.entity, canonical });
  }
  return found;
}
