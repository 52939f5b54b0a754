// Malformed decision files: each gives its own error id and, where there is one, the first bad line.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { AppError } from "../../../http/errors.ts";
import type { AuditSettingsInput } from "../schema.ts";
import { runAudit } from "./run-audit.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-audit-input-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
};

const settings: AuditSettingsInput = {
  decision: "decision",
  favourable: "1",
  label: "label",
  label_favourable: "1",
  protected: ["sex"],
};
const HEADER = "id,sex,decision,label\n";
const GOOD_ROWS = ["1,F,1,1", "2,M,0,0", "3,F,0,1", "4,M,1,0"].join("\n") + "\n";

async function rejects(file: string, id: string, params: Record<string, string | number> = {}, input = settings) {
  await assert.rejects(runAudit(file, input), (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.id, id, JSON.stringify(error.params));
    for (const [name, value] of Object.entries(params)) assert.equal(error.params[name], value, `${name} of ${id}`);
    return true;
  });
}

describe("input checks", { concurrency: 2, timeout: 120_000 }, () => {
  it("a file that does not exist", () => rejects(path.join(scratch, "absent.csv"), "audit_file_missing"));

  it("an empty file", () => rejects(write("empty.csv", ""), "audit_file_empty"));

  it("a Latin-1 file, at the line of the first non-UTF-8 byte", () =>
    rejects(write("latin1.csv", Buffer.concat([Buffer.from(HEADER + GOOD_ROWS), Buffer.from("5,f\xe9minin,1,1\n", "latin1")])), "audit_not_utf8", {
      line: 6,
    }));

  it("a UTF-16 file", () => rejects(write("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, "utf16le")])), "audit_not_utf8", { line: 1 }));

  it("a file without a header line", () => rejects(write("no-header.csv", GOOD_ROWS), "audit_header_missing"));

  it("a header with the same name twice", () => rejects(write("twice.csv", "id,sex,sex,decision,label\n1,F,F,1,1\n"), "audit_header_duplicated", { column: "sex" }));

  it("a mapped column that the file does not have, listing those it has", () =>
    rejects(write("unknown.csv", HEADER + GOOD_ROWS), "audit_unknown_column", { column: "gender", columns: "id, sex, decision, label" }, {
      ...settings,
      protected: ["gender"],
    }));

  it("a row with too few fields", () =>
    rejects(write("ragged.csv", HEADER + GOOD_ROWS + "5,F,1\n"), "audit_ragged_row", { line: 6, expected: 4, found: "3" }));

  it("a row with too many fields", () =>
    rejects(write("ragged-more.csv", HEADER + "1,F,1,1,extra\n" + GOOD_ROWS), "audit_ragged_row", { line: 2, expected: 4, found: "5" }));

  it("an unterminated quote", () => rejects(write("quote.csv", HEADER + '1,"F,1,1\n' + GOOD_ROWS), "audit_malformed_csv", { line: 2 }));

  it("a decision column with a third value, naming the values and the line", () =>
    rejects(write("three.csv", HEADER + GOOD_ROWS + "5,F,maybe,1\n"), "audit_not_binary", { column: "decision", line: 6, values: "1, 0, maybe" }));

  // Past the first MiB, which the parent checks, the whole file's count finds them.
  const LONG = Array.from({ length: 100_000 }, (_, i) => `${i},${i % 2 ? "F" : "M"},${i % 3 ? 0 : 1},${i % 2}`).join("\n") + "\n";

  it("a third decision value far into the file, when the decision was read as integers", () =>
    rejects(write("late-text.csv", HEADER + LONG + "100001,F,maybe,1\n"), "audit_not_binary", { column: "decision", line: 100_002, values: "1, 0, maybe" }));

  it("a third integer decision far into the file", () =>
    rejects(write("late-integer.csv", HEADER + LONG + "100001,F,2,1\n"), "audit_not_binary", { column: "decision", line: 100_002, values: "1, 0, 2" }));

  it("counts lines, not rows, when a quoted value spans two lines", () =>
    rejects(write("multiline.csv", 'id,sex,decision,label\n1,"F\nfemale",1,1\n2,M,0,0\n3,F,maybe,1\n'), "audit_not_binary", { line: 5 }));

  it("a favourable value that never occurs, listing the values that do", () =>
    rejects(write("never.csv", HEADER + GOOD_ROWS), "audit_favourable_absent", { column: "decision", value: "yes", values: "0, 1" }, {
      ...settings,
      favourable: "yes",
    }));

  it("a threshold that no score reaches, with the highest score", () =>
    rejects(
      write("threshold.csv", "id,sex,score\n1,F,0.25\n2,M,0.42\n"),
      "audit_threshold_never_reached",
      { column: "score", threshold: 50, highest: "0.42" },
      { score: "score", threshold: 50, protected: ["sex"] },
    ));

  it("a label column with a third value", () =>
    rejects(write("label.csv", HEADER + GOOD_ROWS + "5,F,1,2\n"), "audit_not_binary", { column: "label", line: 6 }));

  it("a missing decision", () => rejects(write("missing.csv", HEADER + "1,F,,1\n" + GOOD_ROWS), "audit_missing_value", { column: "decision", line: 2 }));

  it("a score that is not a number", () =>
    rejects(
      write("score.csv", "id,sex,score,label\n1,F,0.7,1\n2,M,0.2,0\n3,F,high,1\n"),
      "audit_not_numeric",
      { column: "score", line: 4, value: "high" },
      { score: "score", threshold: 0.5, label: "label", label_favourable: "1", protected: ["sex"] },
    ));

  it("a weight that is not a number", () =>
    rejects(write("weight.csv", "id,sex,decision,label,w\n1,F,1,1,1\n2,M,0,0,one\n"), "audit_not_numeric", { column: "w", line: 3 }, { ...settings, weight: "w" }));

  it("a negative weight", () =>
    rejects(write("negative.csv", "id,sex,decision,label,w\n1,F,1,1,1\n2,M,0,0,2\n3,M,1,0,-1\n"), "audit_negative_weight", { column: "w", line: 4 }, {
      ...settings,
      weight: "w",
    }));

  it("a header and no rows", () => rejects(write("header-only.csv", HEADER), "audit_no_rows"));

  it("a named reference group that no row has", () =>
    rejects(write("reference.csv", HEADER + GOOD_ROWS), "audit_reference_not_found", { attribute: "sex", value: "W" }, { ...settings, reference: { sex: "W" } }));

  it("settings that map no decision, or one column twice, name each field at fault", async () => {
    await assert.rejects(runAudit(write("settings.csv", HEADER + GOOD_ROWS), { protected: ["sex", "sex"], reference: { age: "30" } }), (error: unknown) => {
      assert.ok(error instanceof AppError && error.id === "invalid_input");
      assert.deepEqual(
        error.fields.map((f) => [f.path, f.message]),
        [
          ["decision", "validation.audit_decision_or_score"],
          ["protected", "validation.audit_column_reused"],
          ["reference", "validation.audit_reference_attribute"],
        ],
      );
      return true;
    });
  });

  it("a Parquet file that is cut short", async () => {
    const file = write("broken.parquet", Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(64, 7)]));
    await rejects(file, "audit_unreadable_file");
  });
});
