// Who may do what to a register record, by role, organisation and lifecycle state.
import assert from "node:assert/strict";
import { test } from "node:test";
import { actorName, type Actor, type Role } from "../../http/actor.ts";
import { maySystem, type SystemAction } from "./policy.ts";

const user = (roles: Record<string, Role[]>, extra: Partial<Extract<Actor, { kind: "user" }>> = {}): Actor => ({
  kind: "user",
  id: "u1",
  email: "someone@example.lu",
  displayName: "Someone",
  platformAdmin: false,
  roles,
  via: "session",
  scopes: [],
  ...extra,
});
const lu = { organisationId: "lu-ministry" };

test("an editor of another organisation can do nothing but read what is published", () => {
  const beEditor = user({ "be-agency": ["editor", "reviewer", "org_admin"] });
  for (const action of ["read_draft", "create", "edit", "submit", "publish", "return", "revise", "retire", "import"] as SystemAction[]) {
    for (const state of ["draft", "in_review", "published"] as const) {
      assert.equal(maySystem(beEditor, action, { ...lu, state }), false, `${action} in ${state}`);
    }
  }
  assert.equal(maySystem(beEditor, "read_published", lu), true);
  assert.equal(maySystem({ kind: "anonymous" }, "read_draft", { ...lu, state: "draft" }), false);
});

test("editors write drafts and submit them; reviewers publish or return them", () => {
  const editor = user({ "lu-ministry": ["editor"] });
  const reviewer = user({ "lu-ministry": ["reviewer"] });
  assert.equal(maySystem(editor, "edit", { ...lu, state: "draft" }), true);
  assert.equal(maySystem(editor, "edit", { ...lu, state: "published" }), false, "published fields are sealed");
  assert.equal(maySystem(editor, "revise", { ...lu, state: "published" }), true);
  assert.equal(maySystem(editor, "submit", { ...lu, state: "draft" }), true);
  assert.equal(maySystem(editor, "publish", { ...lu, state: "in_review" }), false);
  assert.equal(maySystem(reviewer, "publish", { ...lu, state: "in_review" }), true);
  assert.equal(maySystem(reviewer, "return", { ...lu, state: "in_review" }), true);
  assert.equal(maySystem(reviewer, "edit", { ...lu, state: "draft" }), false);
  assert.equal(maySystem(user({ "lu-ministry": ["viewer"] }), "read_draft", { ...lu, state: "draft" }), true);
});

test("an API token writes only with the systems:write scope; the operator and platform admins may do all", () => {
  const viaToken = (scopes: string[]) => user({ "lu-ministry": ["editor"] }, { via: "token", scopes });
  assert.equal(maySystem(viaToken([]), "edit", { ...lu, state: "draft" }), false);
  assert.equal(maySystem(viaToken(["systems:write"]), "edit", { ...lu, state: "draft" }), true);
  assert.equal(maySystem(viaToken([]), "read_draft", { ...lu, state: "draft" }), true);
  assert.equal(maySystem({ kind: "operator", name: "root" }, "import", lu), true);
  assert.equal(maySystem(user({}, { platformAdmin: true }), "publish", { ...lu, state: "in_review" }), true);
});

test("four eyes: no one publishes a draft they wrote or submitted, not even a platform admin; the operator may", () => {
  const reviewer = user({ "lu-ministry": ["reviewer", "editor"] }, { id: "author" });
  const admin = user({}, { id: "admin", platformAdmin: true });
  const target = { ...lu, state: "in_review" as const, authors: [actorName(reviewer), actorName(admin)] };
  assert.equal(maySystem(reviewer, "publish", target), false);
  assert.equal(maySystem(admin, "publish", target), false);
  assert.equal(maySystem(reviewer, "return", target), true, "an author may still send it back");
  assert.equal(maySystem(user({ "lu-ministry": ["reviewer"] }, { id: "other" }), "publish", target), true);
  assert.equal(maySystem({ kind: "operator", name: "root" }, "publish", target), true);
});
