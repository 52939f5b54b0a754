// Organisations: the administrations of Luxembourg and Belgium that own register records.
import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../systems/schema.ts";

export const organisations = pgTable("organisations", {
  id: text("id").primaryKey(),
  country: text("country", { enum: ["LU", "BE"] }).notNull(),
  officialId: text("official_id").notNull().unique(),
  kind: text("kind", { enum: ["ministry", "agency", "municipality", "other"] }).notNull(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  address: text("address"),
  website: text("website"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
