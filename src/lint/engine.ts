import type { VFile } from 'vfile';
import { LineIndex } from '../util/lines.js';
import { rulesFor, type LintConfig } from './config/load.js';
import type { LexiconSet } from './lexicon/load.js';
import type { SentenceModel } from './classifier/model.js';
import { builtInRules } from './rules/index.js';
import { applyDirectives, readDirectives } from './directives.js';
import { suggestionsOf } from './edits.js';
import { parsedForProfile } from './locale/apply.js';
import { ruleUrl, type Finding, type LintDocument, type Rule } from './types.js';

export interface EngineOptions {
  config: LintConfig;
  lexicons: LexiconSet;
  /** Trained sentence models by name (rules/models/), read when a rule asks; none in a kernel without files. */
  models?: (name: string) => SentenceModel | undefined;
  /** Run only these rules. */
  only?: readonly string[];
  rules?: ReadonlyMap<string, Rule<any>>;
}

/** Runs every enabled rule on a document and records its findings on the document's file. */
export function lintDocument(given: LintDocument, options: EngineOptions): VFile {
  const locale = options.lexicons.profiles.get(given.locale);
  const document = parsedForProfile(given, locale);
  const { file } = document;
  const lines = new LineIndex(String(file.value));
  const rules = options.rules ?? builtInRules;
  const ran = new Set<string>();
  const settings = rulesFor(options.config, document);
  for (const [id, setting] of settings) {
    const severity = setting.severity;
    if (severity === 'off') continue;
    if (options.only && !options.only.includes(id)) continue;
    const rule = rules.get(id);
    if (!rule || !applies(rule, document)) continue;
    ran.add(id);
    rule.check(document, {
      options: setting.options,
      locale,
      locales: options.lexicons.profiles.all(),
      model: (name) => options.models?.(name),
      lexicon: (name) => {
        // A programming mistake, not bad input: loading could not have checked its categories.
        if (!Object.hasOwn(rule.meta.lexicons ?? {}, name)) throw new Error(`the rule ${id} reads the lexicon "${name}" without declaring it in meta.lexicons`);
        return options.lexicons.get(document.locale, name);
      },
      report(finding) {
        record(file, lines, document, rule, finding.severity ?? severity, finding);
      },
    });
  }
  const allRan = !options.only && [...settings.values()].every((s) => s.severity !== 'off');
  if (document.kind === 'template') applyDirectives(file, readDirectives(String(file.value)), ran, allRan);
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return file;
}

function applies(rule: Rule<any>, document: LintDocument): boolean {
  const scope = rule.meta.appliesTo;
  // Sequence documents are read only by the rules written for them.
  if (document.kind === 'sequence' && !scope?.kinds?.includes('sequence')) return false;
  // A layout's copy is part of emails, not one: rules that judge a whole email do not read it.
  if (document.isLayout && !scope?.layouts) return false;
  if (!scope) return true;
  if (scope.kinds && !scope.kinds.includes(document.kind)) return false;
  if (scope.email && !document.email) return false;
  if (scope.late !== undefined && document.stage?.late !== scope.late) return false;
  if (scope.stages && !(document.stage && scope.stages.includes(document.stage.id))) return false;
  return true;
}

function record(file: VFile, lines: LineIndex, document: LintDocument, rule: Rule<any>, severity: 'warn' | 'error', finding: Finding): void {
  const place = placeOf(lines, document, finding);
  const message = file.message(messageText(rule, finding), { place, ruleId: rule.meta.id, source: 'dunmail' });
  message.messageId = finding.messageId;
  message.fatal = severity === 'error';
  message.url = ruleUrl(rule.meta);
  // Each message cites the advice it rests on, by its id in SEEDS.md.
  message.sources = [...(finding.sources ?? rule.meta.sources)];
  if (finding.actual !== undefined) message.actual = finding.actual;
  if (finding.expected !== undefined) {
    // Programming mistakes in a rule, not bad input, as in ESLint.
    if (!rule.meta.hasSuggestions) throw new Error(`the rule ${rule.meta.id} suggests a replacement without declaring meta.hasSuggestions`);
    message.expected = finding.expected;
  }
  if (finding.expected !== undefined || finding.rewrites !== undefined) {
    if (!rule.meta.hasSuggestions) throw new Error(`the rule ${rule.meta.id} suggests an edit without declaring meta.hasSuggestions`);
    const suggestions = suggestionsOf(document, finding);
    if (suggestions.length) message.suggestions = suggestions;
  }
  if (finding.fix) {
    if (!rule.meta.fixable) throw new Error(`the rule ${rule.meta.id} reports a safe fix without declaring meta.fixable`);
    const [first] = finding.expected ?? [];
    // The first replacement is the fix; where it would touch a tag or markup it stays a suggestion.
    const fix = first === undefined ? undefined : suggestionsOf(document, { ...finding, expected: [first], rewrites: [] })[0];
    if (fix) message.fix = fix.edit;
  }
  if (finding.note !== undefined) message.note = finding.note;
}

/** The rule's message for the finding, its `{{placeholders}}` filled from the finding's data. */
export function messageText(rule: Rule<any>, finding: Pick<Finding, 'messageId' | 'data'>): string {
  const { id, messages } = rule.meta;
  const template = Object.hasOwn(messages, finding.messageId) ? messages[finding.messageId] : undefined;
  if (template === undefined) throw new Error(`the rule ${id} reports the messageId "${finding.messageId}", which meta.messages does not declare`);
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_, name: string) => {
    const value = finding.data && Object.hasOwn(finding.data, name) ? finding.data[name] : undefined;
    if (value === undefined) throw new Error(`the message "${finding.messageId}" of the rule ${id} needs the data "${name}"`);
    return String(value);
  });
}

function placeOf(lines: LineIndex, document: LintDocument, finding: Finding) {
  const { region } = finding;
  const startOffset = region ? region.sourceOffset(finding.start ?? 0) : (finding.start ?? document.bodyOffset);
  const endIn = finding.end ?? finding.start ?? 0;
  const endOffset = region ? (endIn > (finding.start ?? 0) ? region.sourceOffset(endIn - 1) + 1 : startOffset) : (finding.end ?? startOffset);
  const start = lines.placeOf(startOffset);
  const end = lines.placeOf(endOffset);
  return { start: { ...start, offset: startOffset }, end: { ...end, offset: endOffset } };
}
