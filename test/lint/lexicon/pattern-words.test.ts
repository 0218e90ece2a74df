import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recommendedConfig } from "../../../src/lint/config/load.js";
import { createLinter } from "../../../src/lint/linter.js";

/** Lexicon patterns go through the locale's word function, as the text does. */
describe("patterns are split into words as the text is", () => {
  const roots: string[] = [];
  afterAll(() =>
    roots.forEach((root) => rmSync(root, { recursive: true, force: true })),
  );

  /** A linter whose only lexicon is one aggressive.json for the locale. */
  function linterWith(locale: string, entries: object[]) {
    const root = mkdtempSync(path.join(tmpdir(), "dunmail-pattern-"));
    roots.push(root);
    mkdirSync(path.join(root, locale));
    writeFileSync(
      path.join(root, locale, "aggressive.json"),
      JSON.stringify({ locale, name: "aggressive", entries }),
    );
    return createLinter({
      config: { ...recommendedConfig(), lexiconFolders: [root] },
      only: ["no-aggressive"],
    });
  }

  it("Thai written as a reader writes it, without spaces, matches the words Intl.Segmenter finds", () => {
    const linter = linterWith("th", [
      {
        pattern: "ดำเนินคดี",
        category: "threat-legal",
        suggestion: "เราอยากหาทางออกร่วมกับคุณมากกว่า",
      },
      { pattern: "ยึดทรัพย์*", category: "threat-legal" },
    ]);
    const file = linter.lintMessage({
      locale: "th",
      stage: "overdue-late",
      subject: "ใบแจ้งหนี้เลขที่ 1042",
      body: "หากไม่ชำระ เราจะดำเนินคดีและยึดทรัพย์สินของคุณ",
    });
    expect(file.messages.map((m) => m.actual)).toEqual(["ดำเนินคดี", "ยึดทรัพย์สิน"]);
  });

  it("a language written with spaces keeps each token one word", () => {
    const linter = linterWith("en", [
      { pattern: "legal action", category: "threat-legal" },
    ]);
    const file = linter.lintMessage({
      locale: "en",
      stage: "overdue-late",
      subject: "Invoice INV-1042",
      body: "We will take legal action.",
    });
    expect(file.messages.map((m) => m.actual)).toEqual(["legal action"]);
  });
});
