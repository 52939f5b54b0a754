// Header words that name each identifier, in French, Dutch, German, English and Luxembourgish.
import type { EntityId } from "./schema.ts";

/**
 * `words` must stand as whole words in the header ("tel" in "tel_fixe", not in "hotel"); `stems` may sit inside
 * a compound ("rijksregisternummer", "Kundentelefon"). Both are written without accents, in lower case, words
 * separated by one space; stems are matched against the header with its separators removed, so the stem
 * "numeronational" finds "Numéro national" and "numero_national".
 */
interface Keywords {
  words: string[];
  stems: string[];
}

/** The national number and the BIS number share their names: NISS/INSZ covers both. */
const BELGIAN_PERSON: Keywords = {
  // NISS, INSZ and SSIN are words, not stems: "beslissing" holds "ssin", "Kenntnisse" holds "niss".
  words: ["nn", "rrn", "nrn", "niss", "insz", "ssin", "inss", "no national", "n national", "nr national"],
  stems: [
    "registrenational",
    "numeronational",
    "numerodidentificationdelasecuritesociale",
    "rijksregister",
    "nationaalnummer",
    "nationaalregister",
    "identificatienummersocialezekerheid",
    "nationalnumber",
    "nationalregister",
    "nationalregistry",
    "nationalnummer",
  ],
};

const VAT: Keywords = {
  words: ["tva", "btw", "vat", "mwst", "ust", "ust id"],
  stems: ["numerotva", "btwnummer", "btwnr", "vatnumber", "vatno", "vatid", "umsatzsteuer", "mehrwertsteuer", "ustidnr", "tvaintracom"],
};

const headerKeywords: Record<EntityId, Keywords> = {
  be_national_number: BELGIAN_PERSON,
  be_bis_number: {
    words: [...BELGIAN_PERSON.words, "bis", "bis nr"],
    stems: [...BELGIAN_PERSON.stems, "bisnummer", "bisnumber", "numerobis"],
  },
  be_enterprise_number: {
    words: ["bce", "kbo", "cbe", "company no"],
    stems: [
      "numerodentreprise",
      "numeroentreprise",
      "numerobce",
      "ondernemingsnummer",
      "ondernemingsnr",
      "kbonummer",
      "kbonr",
      "enterprisenumber",
      "companynumber",
      "companyregistrationnumber",
      "unternehmensnummer",
      "firmennummer",
      "betriebsnummer",
    ],
  },
  be_establishment_unit: {
    words: ["establishment"],
    stems: [
      "unitedetablissement",
      "numerodetablissement",
      "vestigingseenheid",
      "vestigingsnummer",
      "vestigingsnr",
      "establishmentunit",
      "niederlassungseinheit",
      "niederlassungsnummer",
    ],
  },
  be_vat: VAT,
  lu_vat: VAT,
  be_eid_card: {
    words: ["eid", "id card", "card no", "card number", "kaartnr"],
    stems: [
      "cartedidentite",
      "carteidentite",
      "numerodecarte",
      "carteeid",
      "identiteitskaart",
      "kaartnummer",
      "eidkaart",
      "eidnummer",
      "identitycard",
      "idcardnumber",
      "personalausweis",
      "ausweisnummer",
      "identiteitsbewijs",
      "perseinlechenausweis",
    ],
  },
  lu_national_id: {
    words: ["cns", "ccss", "ssn", "national id"],
    stems: [
      "matricule",
      "matrikel",
      "numerodidentificationnational",
      "identifiantnational",
      "numerodidentite",
      "numerodesecuritesociale",
      "securitesociale",
      "sozialversicherungsnummer",
      "sozialversicherung",
      "sozialversecherung",
      "identifikationsnummer",
      "identifikatiounsnummer",
      "nationalidentificationnumber",
      "nationalidnumber",
      "socialsecuritynumber",
    ],
  },
  iban: {
    words: ["compte", "rekening", "konto", "kont", "account", "rib"],
    stems: [
      "iban",
      "comptebancaire",
      "numerodecompte",
      "numerocompte",
      "rekeningnummer",
      "rekeningnr",
      "bankrekening",
      "bankaccount",
      "accountnumber",
      "kontonummer",
      "bankverbindung",
      "bankkonto",
      "bankkont",
      "kontosnummer",
    ],
  },
  phone: {
    words: ["tel", "gsm", "fax", "mobile", "mobiel", "portable", "phone", "cell", "handy", "tel nr", "tel no"],
    stems: [
      "telephone",
      "telefoon",
      "telefon",
      "telnummer",
      "gsmnummer",
      "mobilephone",
      "mobilenumber",
      "phonenumber",
      "cellphone",
      "handynummer",
      "mobilnummer",
      "rufnummer",
      "telefonsnummer",
      "handysnummer",
      "numerodegsm",
    ],
  },
  email: {
    words: ["mail", "mel"],
    stems: ["email", "courriel", "emailadres", "mailadres", "mailadresse", "mailadress", "adresseelectronique", "adressemail", "elektronischepost"],
  },
  plate: {
    words: ["plate", "immatriculation", "kennzeichen"],
    stems: [
      "plaque",
      "numerodimmatriculation",
      "nummerplaat",
      "kenteken",
      "nummerbord",
      "licenceplate",
      "licenseplate",
      "numberplate",
      "registrationplate",
      "kfzkennzeichen",
      "autokennzeichen",
      "fahrzeugkennzeichen",
      "nummernschild",
      "nummerschild",
      "nummerscheld",
      "immatrikulatioun",
      "autosnummer",
    ],
  },
  postcode: {
    words: ["cp", "npa", "plz", "zip"],
    stems: ["codepostal", "postcode", "postalcode", "postnummer", "zipcode", "postleitzahl", "postleitzuel"],
  },
};

/** Header as words without accents: "NuméroNational" → ["numero", "national"]. */
export function headerWords(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How strongly the header names each entity: "stem" for a specific term (rijksregisternummer, IBAN), "word" for a
 * short or generic one (tel, compte, cp) that needs values to back it.
 */
export function headerEntities(header: string): Map<EntityId, "stem" | "word"> {
  const words = headerWords(header);
  const spaced = ` ${words.join(" ")} `;
  const compacted = words.join("");
  const found = new Map<EntityId, "stem" | "word">();
  for (const [entity, keywords] of Object.entries(headerKeywords) as Array<[EntityId, Keywords]>) {
    if (keywords.stems.some((stem) => compacted.includes(stem))) found.set(entity, "stem");
    else if (keywords.words.some((word) => spaced.includes(` ${word} `))) found.set(entity, "word");
  }
  return found;
}

/** Header words for an age (fr âge, nl leeftijd, de Alter, lb Alter/Joer, en age), for the risk suggestions. */
const AGE_WORDS = new Set(["age", "ages", "leeftijd", "alter", "joer", "years", "ans", "jaar"]);

export function headerNamesAge(header: string): boolean {
  return headerWords(header).some((word) => AGE_WORDS.has(word));
}
