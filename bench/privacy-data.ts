// A synthetic CSV of people for the privacy benchmark, written up to a size: identifiers, quasi-identifiers, remarks.
import { once } from "node:events";
import fs from "node:fs";
import * as synthetic from "../src/domains/privacy/synthetic.ts";

const DECISIONS = ["granted", "refused", "partial"];
const NOTES = ["No remarks.", "Documents complete.", "Follow-up in three months.", "Appeal lodged by the applicant."];

export const HEADER = "id,rijksregisternummer,matricule,courriel,gsm,iban,code_postal,date_naissance,age,sexe,montant,decision,remarques";

function row(next: () => number, id: number): string {
  const who = synthetic.person(next);
  const email = synthetic.email(next, id % 1000);
  const gsm = synthetic.phone(next);
  const { year, month, day } = who.birth;
  const birth = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  // One remark in ten gives a way to reach the person, as free text does.
  const note = next() < 0.1 ? `"Called back, contact ${email} or ${gsm}."` : NOTES[Math.floor(next() * NOTES.length)];
  return [
    id,
    synthetic.beNationalNumber(who),
    synthetic.luNationalId(who),
    email,
    gsm,
    synthetic.beIban(next),
    synthetic.postcode(next),
    birth,
    2026 - year,
    who.serial % 2 ? "M" : "F",
    (next() * 2000).toFixed(2),
    DECISIONS[Math.floor(next() * DECISIONS.length)],
    note,
  ].join(",");
}

/** Writes rows until the file holds at least `bytes`; returns the number of data rows. */
export async function writeSyntheticCsv(file: string, bytes: number, seed = 2026): Promise<number> {
  const next = synthetic.seededRandom(seed);
  const out = fs.createWriteStream(file);
  let written = 0;
  let rows = 0;
  let batch = `${HEADER}\n`;
  while (written < bytes) {
    for (let i = 0; i < 2000; i++) batch += `${row(next, ++rows)}\n`;
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, "drain");
    batch = "";
  }
  out.end();
  await once(out, "finish");
  return rows;
}
