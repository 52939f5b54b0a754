// Public shape of an organisation.
import type { OrganisationView } from "../systems/present.ts";
import { formatOfficialId } from "./official-id.ts";
import type { OrganisationRow } from "./repo.ts";

export function presentOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    country: row.country,
    officialId: formatOfficialId(row.country, row.officialId),
    kind: row.kind,
    name: row.name,
    address: row.address,
    website: row.website,
  };
}
