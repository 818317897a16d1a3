// People in headless Chromium against a real server: an owner sets a user's password after adding them, an admin
// only for the roles an admin may grant, everyone changes their own from the account menu; on a company's page
// those who may change contacts add one and invite them to the portal, whose link lets the contact in, and a
// program manager sees the contacts without either; axe-core on each page; screenshots into docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, seriousViolations, shot, signedIn as signInAs, startWeb, type Web } from "./harness.ts";

const STEP_MS = 180_000;
const NEW_PASSWORD = "another long enough password";

let web: Web;

beforeAll(async () => {
  web = await startWeb("people");
  for (const [email, name, role] of [
    ["ivan@northwind.example", "Ivan Admin", "admin"],
    ["petro@northwind.example", "Petro Marchenko", "program_manager"],
    ["sofia@northwind.example", "Sofia Help", "support"],
  ] as const) {
    expect((await web.api("POST", "/v1/users", { email, name, role, password: PASSWORD })).status).toBe(201);
  }
  expect((await web.api("POST", "/v1/companies", { id: "C-100", name: "Baltic Foods" })).status).toBe(201);
  expect(
    (
      await web.api("POST", "/v1/companies/C-100/contacts", {
        name: "Olena Koval",
        email: "olena@baltic.example",
        role: "buyer",
      })
    ).status,
  ).toBe(201);
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

const signedIn = (email: string, password = PASSWORD) => signInAs(web, email, { password });

/** Whether the console lets `email` in with `password`. */
async function signsIn(email: string, password: string): Promise<boolean> {
  const r = await fetch(`${web.base}/v1/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-patron-csrf": "1" },
    body: JSON.stringify({ tenant: "northwind", email, password }),
  });
  return r.status === 201;
}

describe("passwords and a company's contacts", () => {
  it(
    "an owner adds a user without a password and sets one later; the user signs in with it",
    async () => {
      const owner = await signedIn("olga@northwind.example");
      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
      await owner.getByRole("heading", { name: "Users", level: 1 }).waitFor();
      await owner.getByLabel("Name").fill("Fedir Kovalenko");
      await owner.getByLabel("Email").fill("fedir@northwind.example");
      await owner.getByLabel("Role", { exact: true }).selectOption("finance");
      await owner.getByRole("button", { name: "Add user" }).click();
      await owner.getByText("Fedir Kovalenko was added.").waitFor();
      expect(await signsIn("fedir@northwind.example", PASSWORD)).toBe(false);

      await owner.getByRole("button", { name: "Set password: Fedir Kovalenko" }).click();
      const form = owner.getByTestId("password-form");
      await form.getByRole("heading", { name: "New password for Fedir Kovalenko" }).waitFor();
      expect(await form.getByLabel("Current password").count()).toBe(0);
      await form.getByLabel("New password", { exact: true }).fill(PASSWORD);
      await form.getByLabel("Repeat the new password").fill("not the same password");
      await form.getByRole("button", { name: "Set password" }).click();
      await form.getByText("the two new passwords differ").waitFor();
      await form.getByLabel("Repeat the new password").fill(PASSWORD);
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "users-password");
      await form.getByRole("button", { name: "Set password" }).click();
      await owner.getByText("The password of Fedir Kovalenko was set.").waitFor();
      await form.waitFor({ state: "detached" });
      expect(await signsIn("fedir@northwind.example", PASSWORD)).toBe(true);
      await owner.context().close();
    },
    STEP_MS,
  );

  it(
    "an admin sets the password of the roles an admin may grant, not an owner's",
    async () => {
      const admin = await signedIn("ivan@northwind.example");
      await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
      await admin.getByRole("heading", { name: "Users", level: 1 }).waitFor();
      await admin.getByRole("button", { name: "Set password: Petro Marchenko" }).waitFor();
      expect(await admin.getByRole("button", { name: "Set password: Olga Petrenko" }).count()).toBe(0);
      await admin.getByRole("button", { name: "Set password: Sofia Help" }).click();
      const form = admin.getByTestId("password-form");
      await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await form.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
      await form.getByLabel("Comment for the audit log (optional)").fill("forgot it");
      await form.getByRole("button", { name: "Set password" }).click();
      await admin.getByText("The password of Sofia Help was set.").waitFor();
      expect(await signsIn("sofia@northwind.example", PASSWORD)).toBe(false);
      expect(await signsIn("sofia@northwind.example", NEW_PASSWORD)).toBe(true);
      await admin.context().close();
    },
    STEP_MS,
  );

  it(
    "a program manager, who has no users page, changes their own password from the account menu",
    async () => {
      const pm = await signedIn("petro@northwind.example");
      expect(
        await pm.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).count(),
      ).toBe(0);
      await pm.getByRole("button", { name: /Account menu/ }).click();
      await pm.getByRole("button", { name: "Your account and password" }).click();
      await pm.getByRole("heading", { name: "Your account", level: 1 }).waitFor();
      const form = pm.getByTestId("password-form");
      await form.getByLabel("Current password").fill("not the password");
      await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await form.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
      await form.getByRole("button", { name: "Set password" }).click();
      await form.getByText("the current password is wrong").waitFor();
      expect(await seriousViolations(pm)).toEqual([]);
      await form.getByLabel("Current password").fill(PASSWORD);
      await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await form.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
      await form.getByRole("button", { name: "Set password" }).click();
      await pm.getByText("Your password was changed.").waitFor();
      await shot(pm, "account");
      // This session goes on; the old password no longer opens another.
      await pm.reload();
      await pm.getByRole("heading", { name: "Your account", level: 1 }).waitFor();
      expect(await signsIn("petro@northwind.example", PASSWORD)).toBe(false);
      expect(await signsIn("petro@northwind.example", NEW_PASSWORD)).toBe(true);

      // On a company's page, a program manager reads the contacts but neither adds nor invites one.
      await pm.goto(`${web.base}/companies/C-100`);
      await pm.getByRole("cell", { name: "Olena Koval", exact: true }).waitFor();
      expect(await pm.getByRole("heading", { name: "Add a contact" }).count()).toBe(0);
      expect(await pm.getByRole("button", { name: /^Invite/ }).count()).toBe(0);
      await pm.context().close();
    },
    STEP_MS,
  );

  it(
    "on a company's page, support adds a contact and invites them; the link lets the contact into the portal",
    async () => {
      const support = await signedIn("sofia@northwind.example", NEW_PASSWORD);
      await support.goto(`${web.base}/companies/C-100`);
      await support.getByRole("heading", { name: "Baltic Foods", level: 1 }).waitFor();
      await support.getByRole("cell", { name: "Olena Koval", exact: true }).waitFor();
      const olena = support.getByTestId("company-contacts").getByRole("row", { name: /Olena Koval/ });
      await expect(olena.textContent()).resolves.toMatch(/Not invited/);
      await support.getByRole("heading", { name: "Add a contact" }).waitFor();
      await support.getByLabel("Name", { exact: true }).fill("Iryna Shevchuk");
      await support.getByLabel("Email", { exact: true }).fill("iryna@baltic.example");
      await support.getByLabel("Position (optional)").fill("Head of purchasing");
      await support.getByLabel("Portal role", { exact: true }).selectOption("company_admin");
      await expect(support.getByLabel("Invite to the client portal now").isChecked()).resolves.toBe(true);
      await support.getByRole("button", { name: "Add contact" }).click();
      await support.getByText(/^Iryna Shevchuk was added and invited to the portal/).waitFor();
      const link = (await support.getByTestId("invite-link").textContent()) ?? "";
      expect(link).toMatch(/\/portal\/accept\?tenant=northwind&token=/);
      const row = support.getByTestId("company-contacts").getByRole("row", { name: /Iryna Shevchuk/ });
      await expect(row.textContent()).resolves.toMatch(
        /iryna@baltic\.example.*Head of purchasing.*Company admin.*Invited; the link works until/,
      );
      expect(await seriousViolations(support)).toEqual([]);
      await shot(support, "company-contacts");

      // The contact there before is invited from its row.
      await support.getByRole("button", { name: "Invite Olena Koval to the portal" }).click();
      await support.getByText(/^Olena Koval was invited to the portal/).waitFor();
      const second = (await support.getByTestId("invite-link").textContent()) ?? "";
      expect(second).toMatch(/\/portal\/accept\?tenant=northwind&token=/);
      expect(second).not.toBe(link);
      await olena.getByText(/^Invited; the link works until/).waitFor();
      await olena.getByRole("button", { name: "Send a new link to Olena Koval" }).waitFor();
      await support.context().close();

      const context = await web.browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: "en-GB",
      });
      const contact = await context.newPage();
      await contact.goto(link);
      await contact.getByRole("heading", { name: "Set your password" }).waitFor();
      await contact.getByLabel("New password").fill(PASSWORD);
      await contact.getByLabel("Repeat the password").fill(PASSWORD);
      await contact.getByRole("button", { name: "Set password and sign in" }).click();
      await contact.getByRole("heading", { name: "Hello, Iryna Shevchuk" }).waitFor();
      // A company admin: the portal shows her the company's users.
      await contact.getByRole("link", { name: "Users" }).waitFor();
      await context.close();

      // Back on the company's page, support sees that she signed up.
      const after = await signedIn("sofia@northwind.example", NEW_PASSWORD);
      await after.goto(`${web.base}/companies/C-100`);
      const iryna = after.getByTestId("company-contacts").getByRole("row", { name: /Iryna Shevchuk/ });
      await iryna.getByText("Signed up", { exact: true }).waitFor();
      await after.context().close();
    },
    STEP_MS,
  );
});
