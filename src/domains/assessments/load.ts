// Reads instruments from YAML files: the bundled folder (instruments/*.yaml), or one file for the CLI and tests.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileInstrument, InstrumentError, type InstrumentProblem } from "./compile.ts";
import type { CompiledInstrument } from "./format.ts";

/** The instruments that come with Gäichel; each file is named after the id of its instrument. */
export const BUNDLED_INSTRUMENTS = fileURLToPath(new URL("./instruments/", import.meta.url));

export function loadInstrumentFile(file: string): CompiledInstrument {
  return compileInstrument(fs.readFileSync(file, "utf8"), file);
}

/** Every `*.yaml` of a folder, compiled, in file-name order; one InstrumentError lists the problems of all files. */
export function loadInstruments(dir = BUNDLED_INSTRUMENTS): CompiledInstrument[] {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".yaml")).sort();
  const problems: InstrumentProblem[] = [];
  const instruments: CompiledInstrument[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    try {
      const instrument = loadInstrumentFile(file);
      // One file per instrument, named after it: ids stay unique and a reader finds an instrument by its id.
      if (instrument.id !== path.basename(name, ".yaml")) {
        problems.push({ file, path: "id", message: `must be the name of the file ("${path.basename(name, ".yaml")}")` });
      }
      instruments.push(instrument);
    } catch (error) {
      if (!(error instanceof InstrumentError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new InstrumentError(problems);
  return instruments;
}
