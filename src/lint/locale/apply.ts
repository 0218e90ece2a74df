import { parseText, shippedParser } from "../parse.js";
import type { LintDocument, TextRegion } from "../types.js";
import type { LocaleProfile } from "./profile.js";

/**
 * The document with its copy parsed as its locale's profile says. The linter builds
 * documents with its profiles' parsers, so nothing is parsed twice; a document built
 * elsewhere with another parser (the shipped profile's) has those regions parsed again.
 */
export function parsedForProfile(
  document: LintDocument,
  profile: LocaleProfile,
): LintDocument {
  const regions = [document.subject, document.preheader, ...document.body, ...(document.layout?.regions ?? [])];
  if (regions.every((region) => !region || (region.parser ?? shippedParser(document.locale)) === profile.parser)) return document;
  const again = (region: TextRegion): TextRegion =>
    (region.parser ?? shippedParser(document.locale)) === profile.parser
      ? region
      : { ...region, parser: profile.parser, tree: parseText(region.text, document.locale, profile.parser) };
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
