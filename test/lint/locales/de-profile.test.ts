import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { VFileMessage } from "vfile-message";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recommendedConfig } from "../../../src/lint/config/load.js";
import { createLinter, type Linter } from "../../../src/lint/linter.js";
import { LexiconSet } from "../../../src/lint/lexicon/load.js";

/**
 * A new language with no code change: a German profile (locales/de.json) and German
 * lexicons (lexicons/de/, one for every lexicon the rules read), copied from
 * test/lint/locales/de-profile/ into a temporary folder and named in the config's
 * lexicon folders. Correct German copy lints clean; broken German copy gets the
 * messages an English one would, with German suggestions.
 */

const FIXTURE = "test/lint/locales/de-profile";

const GOOD = {
  stage: "overdue-early",
  locale: "de",
  subject: "Rechnung Nr. 2026117: Zahlung noch offen",
  body: `Guten Tag Frau Keller,

unsere Rechnung Nr. 2026117 über 1.840,00 Euro war am 27. November fällig. Bis heute konnten wir leider noch keinen Zahlungseingang verbuchen. Vielleicht ist die Rechnung bei Ihnen untergegangen: Ist unsere E-Mail mit der Rechnung gut bei Ihnen angekommen? Gern schicken wir sie Ihnen noch einmal zu.

Sie können bequem online bezahlen: https://pay.albura.example/2026117

Alternativ ist auch eine Überweisung möglich. Falls es gerade nicht passt, melden Sie sich bitte kurz bei mir, dann finden wir gemeinsam eine Lösung. Vielen Dank!

Viele Grüße
Jonas Brandt
Buchhaltung, Albura Studio GmbH`,
};

const compact = (messages: VFileMessage[]): string[] =>
  messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe("a German profile and lexicons added as data", () => {
  let root: string;
  let linter: Linter;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "dunmail-de-"));
    cpSync(FIXTURE, root, { recursive: true });
    const config = recommendedConfig();
    linter = createLinter({
      config: {
        ...config,
        lexiconFolders: [...config.lexiconFolders, path.join(root, "lexicons")],
      },
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("without them, correct German copy gets invoice-number and amount-due false positives", () => {
    expect(compact(createLinter().lintMessage(GOOD).messages)).toEqual([
      "1:10 invoice-number",
      "3:1 invoice-number",
      "3:1 amount-due",
    ]);
  });

  it("with them, correct German copy lints clean", () => {
    expect(compact(linter.lintMessage(GOOD).messages)).toEqual([]);
  });

  it("aggressive phrasing, no invoice number and DRINGEND before the due date get the right messages, with German suggestions", () => {
    const file = linter.lintMessage({
      stage: "before-due",
      locale: "de",
      subject: "DRINGEND: Zahlung fällig",
      body: `Guten Tag Frau Keller,

Sie haben unsere Erinnerungen offenbar ignoriert. Das ist die letzte Warnung: Zahlen Sie sofort, sonst übergeben wir die Sache unserem Anwalt.

Die Zahlung ist am 27. November fällig. Sie können hier bezahlen: https://pay.albura.example/2026117

Bitte melden Sie sich, falls etwas unklar ist. Vielen Dank!

Viele Grüße
Jonas Brandt`,
    });
    expect(compact(file.messages)).toEqual([
      "1:10 invoice-number",
      "1:10 urgent-when-late",
      "3:1 invoice-number",
      "5:40 no-aggressive",
      "5:63 no-aggressive",
      "5:79 no-aggressive",
      "5:136 no-aggressive",
    ]);
    const [, urgent, , accusation, , ultimatum] = file.messages;
    expect(urgent?.reason).toBe(
      "`DRINGEND` in the `before-due` stage: the invoice is not late yet, so there is nothing urgent",
    );
    expect(accusation?.reason).toBe(
      "`ignoriert` is accusatory (accusation); try `Vielleicht hat Sie unsere letzte E-Mail nicht erreicht.`",
    );
    expect(ultimatum).toMatchObject({
      actual: "Zahlen Sie sofort",
      expected: ["Bitte teilen Sie uns mit, bis wann Sie zahlen können."],
    });
  });

  it("too long: body-length counts German words", () => {
    const longer = GOOD.body.replace(
      "Vielen Dank!",
      `Vielen Dank!

Zur Erinnerung: Die Rechnung umfasst die Gestaltung der neuen Praxis-Website, drei Korrekturschleifen im Oktober sowie die Einrichtung des Online-Terminkalenders, den Sie im September zusätzlich beauftragt hatten. Die einzelnen Positionen finden Sie auf Seite zwei der Rechnung, die Stundenaufstellung liegt ebenfalls bei.

Uns ist bewusst, dass gerade zum Jahresende in vielen Praxen viel los ist und die Buchhaltung manchmal etwas länger braucht. Falls die Rechnung an eine andere Abteilung oder an Ihre Steuerberatung gehen soll, nennen Sie uns gern die richtige Adresse.`,
    );
    const file = linter.lintMessage({ ...GOOD, body: longer });
    expect(compact(file.messages)).toEqual(["3:1 body-length"]);
    expect(file.messages[0]?.reason).toMatch(
      /^Body has 1\d\d words, more than 100; cut it to 50 to 100 words/,
    );
  });

  it("the profile gives the examples: a German amount, not `$1,250.00`", () => {
    const file = linter.lintMessage({
      ...GOOD,
      body: GOOD.body.replace("über 1.840,00 Euro ", ""),
    });
    expect(file.messages.map((m) => m.reason)).toEqual([
      "Body does not state the amount due; add the amount owed (for example `1.250,00 €`)",
    ]);
  });

  it("locale-match tells German by the profile’s language, with no code to add", () => {
    const file = linter.lintMessage({
      ...GOOD,
      locale: "en",
      stage: "before-due",
      body: "Bis heute konnten wir leider noch keinen Zahlungseingang für diese Rechnung verbuchen.",
    });
    expect(
      file.messages
        .filter((m) => m.ruleId === "locale-match")
        .map((m) => m.reason),
    ).toEqual([
      "This subject reads as German, but the template is `en` (English)",
      "This paragraph reads as German, but the template is `en` (English)",
    ]);
  });
});

describe("locale profiles refuse what they cannot use", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "dunmail-locale-"));
    cpSync(FIXTURE, root, { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const profileWith = (
    edit: (profile: Record<string, unknown>) => void,
    name = "de.json",
  ): string => {
    const profile = JSON.parse(
      readFileSync(path.join(FIXTURE, "locales/de.json"), "utf8"),
    ) as Record<string, unknown>;
    edit(profile);
    const file = path.join(root, "locales", name);
    rmSync(path.join(root, "locales"), { recursive: true, force: true });
    cpSync(path.join(FIXTURE, "locales"), path.join(root, "locales"), {
      recursive: true,
    });
    rmSync(path.join(root, "locales/de.json"));
    writeFileSync(file, JSON.stringify(profile, null, 2));
    return file;
  };

  it("an expression that does not compile, at its file and line", () => {
    const file = profileWith((p) => {
      p["invoiceWords"] = ["rechnung(", "rg"];
    });
    expect(() => new LexiconSet([path.join(root, "lexicons")])).toThrow(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        place: { file, line: 7, column: 5 },
        issues: [expect.objectContaining({ path: "/invoiceWords/0" })],
      }),
    );
  });

  it("a parser it does not know, and a profile named for another locale", () => {
    const file = profileWith((p) => {
      p["parser"] = "german";
    });
    expect(() => new LexiconSet([path.join(root, "lexicons")])).toThrow(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        place: expect.objectContaining({ file, line: 4 }),
      }),
    );
    const misnamed = profileWith(() => {}, "at.json");
    expect(() => new LexiconSet([path.join(root, "lexicons")])).toThrow(
      expect.objectContaining({
        place: expect.objectContaining({ file: misnamed, line: 3 }),
        issues: [
          expect.objectContaining({
            message: 'the profile of "de" must be named de.json',
          }),
        ],
      }),
    );
  });
});
