// Who may do what with a dataset of the workspace. A dataset holds personal data until it is protected, so only the
// organisation's data stewards — editors, its data protection officer, its administrators — upload, read, protect,
// download and delete it; no one else, other members included, sees it.
import type { Actor } from "../../http/actor.ts";
import { all, decide, inState, withRole, type Rule as Rules } from "../../http/rules.ts";
import type { DatasetState } from "./tables.ts";

export type DatasetAction = "upload" | "read" | "protect" | "download" | "discard";

export interface DatasetTarget {
  organisationId: string;
  state?: DatasetState;
  authors?: readonly string[];
}

type Rule = Rules<DatasetTarget>;

const steward: Rule = withRole("editor", "dpo", "org_admin");

const rules: Record<DatasetAction, Rule> = {
  upload: steward,
  read: steward,
  protect: all(steward, inState<DatasetState>("scanned", "protected", "failed")),
  download: all(steward, inState<DatasetState>("protected")),
  discard: all(steward, inState<DatasetState>("scanned", "protected", "failed")),
};

const writes: ReadonlySet<DatasetAction> = new Set(["upload", "protect", "discard"]);
/** No four-eyes step: protecting a dataset publishes nothing. */
const notByAuthors: ReadonlySet<DatasetAction> = new Set();

export function mayDataset(actor: Actor, action: DatasetAction, target: DatasetTarget): boolean {
  return decide({ rules, writes, notByAuthors }, actor, action, target);
}
