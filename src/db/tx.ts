// Transactions with side effects that wait for the commit (indexing, notifications).
import type { Db } from "./client.ts";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface TxContext {
  tx: Tx;
  /** Runs `effect` once the transaction has committed; never if it rolls back. */
  afterCommit(effect: () => void | Promise<void>): void;
}

export async function inTransaction<T>(db: Db, work: (ctx: TxContext) => Promise<T>): Promise<T> {
  const effects: Array<() => void | Promise<void>> = [];
  const result = await db.transaction((tx) => work({ tx, afterCommit: (effect) => effects.push(effect) }));
  for (const effect of effects) await effect();
  return result;
}
