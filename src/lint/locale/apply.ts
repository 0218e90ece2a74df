import { parseText, shippedParser } from "../parse.js";
import type { LintDocument, TextRegion } from "../types.js";
import type { LocaleProfile } from "./profile.js";

/**
 * The document with its copy parsed as its locale's profile says. Documents are parsed
 * with the shipped profiles; a profile from a project that names another parser
 * (a new language written without spaces) gets its regions parsed again here.
 */
export function parsedForProfile(
  document: LintDocument,
  profile: LocaleProfile,
): LintDocument {
  if (profile.parser === shippedParser(document.locale)) return document;
  const again = (region: TextRegion): TextRegion => ({
    ...region,
    tree: parseText(region.text, document.locale, profile.parser),
  });
  const optional = (region: TextRegion | undefined) =>
    region ? again(region) : undefined;
  return {
    ...document,
    subject: optional(document.subject),
    preheader: optional(document.preheader),
    body: document.body.map(again),
    layout: document.layout
      ? { ...document.layout, regions: document.layout.regions.map(again) }
      : undefined,
  };
}
