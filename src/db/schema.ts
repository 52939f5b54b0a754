// Every table, for drizzle-kit (migrations) and typed queries.
export * from "../domains/accounts/tables.ts";
export * from "../domains/systems/tables.ts";
export * from "../domains/assessments/tables.ts";
export * from "../events/tables.ts";
export * from "../domains/audits/tables.ts";
export * from "../jobs/tables.ts";
export * from "../domains/privacy/tables.ts";
export * from "../domains/exchange/tables.ts";
export * from "../domains/pilots/tables.ts";
