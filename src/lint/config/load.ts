import { existsSync } from 'node:fs';
import path from 'node:path';
import { jsonc, type JsonNode } from '../../util/jsonc.js';
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { toIssues } from '../../data/ajv.js';
import { schemaValidator } from '../../data/precompiled.js';
import { DunmailError, type Issue } from '../../errors.js';
import { parseJson, readJsonFile } from '../../util/json-file.js';
import { LineIndex } from '../../util/lines.js';
import { builtInRules } from '../rules/index.js';
import { defaultOptions, type LintDocument, type Rule, type Severity } from '../types.js';
import { configSchema } from './schema.js';
import { checkRule, type CheckDefinition } from '../checks/definition.js';
import { closest } from '../../util/closest.js';
import { packagePath } from '../../util/package-root.js';

type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];

export interface ConfigFile {
  $schema?: string;
  extends?: string | string[];
  lexicons?: string[];
  rules?: Record<string, RuleSetting>;
  /** The team's own checks, by id: generic phrase and requires checks configured by data. */
  checks?: Record<string, CheckDefinition>;
  overrides?: { stages?: string[]; locales?: string[]; rules: Record<string, RuleSetting> }[];
}

export interface RuleConfig {
  severity: Severity;
  options: Record<string, unknown>;
}

/** A config with its extends resolved, ready to apply to each document. */
export interface LintConfig {
  rules: Map<string, RuleConfig>;
  overrides: { stages?: string[]; locales?: string[]; rules: Map<string, RuleConfig> }[];
  lexiconFolders: string[];
  /** Rules the config defines as data (its `checks`), beside the built-in ones. */
  checks: Map<string, Rule<any>>;
  /** The files it was read from, for watchers and messages. */
  files: string[];
}

export const SHIPPED_CONFIG = packagePath('rules', 'dunmail.config.json');
export const RECOMMENDED = 'dunmail:recommended';
const SHIPPED_LEXICONS = packagePath('rules', 'lexicons');

// Each rule's options are checked by toRuleConfigs, with the rule's own schema, at their place.
const validateConfig = schemaValidator<ConfigFile>('config', configSchema(builtInRules, { ruleOptions: false }));

/** Every rule at its default severity and options. */
export function recommendedConfig(rules: ReadonlyMap<string, Rule<any>> = builtInRules): LintConfig {
  return {
    rules: new Map([...rules].map(([id, rule]) => [id, { severity: rule.meta.defaultSeverity, options: defaultOptions(rule.meta) }])),
    overrides: [],
    lexiconFolders: [SHIPPED_LEXICONS],
    checks: new Map(),
    files: [],
  };
}

/** Every rule a config can turn on: the built-in ones and its checks. */
export function rulesOf(config: Pick<LintConfig, 'checks'>): ReadonlyMap<string, Rule<any>> {
  return config.checks.size === 0 ? builtInRules : new Map([...builtInRules, ...config.checks]);
}

/** Reads a config file and what it extends; every problem names the file, line and key. */
export function loadConfig(file: string = SHIPPED_CONFIG, seen: string[] = []): LintConfig {
  return readConfig(file, seen);
}

/** Reads a config from its text as the file at `file` (an editor's unsaved buffer); what it extends is read from disk. */
export function loadConfigText(file: string, text: string): LintConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new DunmailError('INPUT_TOO_LARGE', `the config is ${text.length} characters, over the ${MAX_CONFIG_BYTES}-byte limit`, { place: { file } });
  }
  return readConfig(file, [], text);
}

function readConfig(file: string, seen: string[], given?: string): LintConfig {
  const resolved = path.resolve(file);
  if (seen.includes(resolved)) {
    throw new DunmailError('CONFIG_INVALID', `the config extends itself: ${[...seen, resolved].join(' -> ')}`, { place: { file: resolved } });
  }
  const raw = given === undefined ? readConfigFile(resolved) : parseJson(given, resolved, validateConfig, CONFIG_JSON);
  const text = given ?? readFileSync(resolved, 'utf8');
  const locate = locator(text);
  const parents = [raw.extends ?? []].flat();
  let config = parents.length === 0 ? recommendedConfig() : emptyConfig();
  for (const parent of parents) {
    const base = parent === RECOMMENDED ? recommendedConfig() : loadConfig(path.resolve(path.dirname(resolved), parent), [...seen, resolved]);
    config = merge(config, base);
  }
  const checks = ownChecks(raw.checks ?? {}, resolved, locate);
  const known = rulesOf({ checks: new Map([...config.checks, ...checks]) });
  // Name unknown rules before their settings are read, with a suggestion.
  const unknown = namesUnknownRule(raw, known) ? unknownRules(text, resolved, known) : undefined;
  if (unknown) throw unknown;
  // A check is on at its own severity unless the config's rules say otherwise.
  const base = new Map([...config.rules, ...[...checks].map(([id, rule]): [string, RuleConfig] => [id, { severity: rule.meta.defaultSeverity, options: {} }])]);
  const own: LintConfig = {
    rules: new Map([...[...base].filter(([id]) => checks.has(id)), ...toRuleConfigs(raw.rules ?? {}, resolved, '/rules', base, locate, known)]),
    overrides: (raw.overrides ?? []).map((override, i) => ({
      ...(override.stages ? { stages: override.stages } : {}),
      ...(override.locales ? { locales: override.locales } : {}),
      rules: toRuleConfigs(override.rules, resolved, `/overrides/${i}/rules`, base, locate, known),
    })),
    lexiconFolders: (raw.lexicons ?? []).map((folder) => path.resolve(path.dirname(resolved), folder)),
    checks,
    files: [resolved],
  };
  return merge(config, own);
}

/** The config's checks as rules; an id a built-in rule has is refused at its line. */
function ownChecks(definitions: Record<string, CheckDefinition>, file: string, locate: Locate): Map<string, Rule<any>> {
  const checks = new Map<string, Rule<any>>();
  for (const [id, definition] of Object.entries(definitions)) {
    if (builtInRules.has(id)) {
      throw new DunmailError('CONFIG_INVALID', `the check "${id}" has the id of a built-in rule`, {
        place: { file, ...locate(`/checks/${id}`) },
        hint: 'give the check an id of its own; a built-in rule is configured under "rules"',
      });
    }
    checks.set(id, checkRule(id, definition));
  }
  return checks;
}

/** The rules and options that apply to one document, overrides included. */
export function rulesFor(config: LintConfig, document: Pick<LintDocument, 'stage' | 'locale'>): Map<string, RuleConfig> {
  const rules = new Map(config.rules);
  for (const override of config.overrides) {
    if (override.stages && !(document.stage && override.stages.includes(document.stage.id))) continue;
    if (override.locales && !override.locales.includes(document.locale)) continue;
    for (const [id, setting] of override.rules) {
      const base = rules.get(id);
      rules.set(id, { severity: setting.severity, options: { ...(base?.options ?? {}), ...setting.options } });
    }
  }
  return rules;
}

function emptyConfig(): LintConfig {
  return { rules: new Map(), overrides: [], lexiconFolders: [], checks: new Map(), files: [] };
}

function merge(base: LintConfig, own: LintConfig): LintConfig {
  const rules = new Map(base.rules);
  for (const [id, setting] of own.rules) rules.set(id, setting);
  return {
    rules,
    overrides: [...base.overrides, ...own.overrides],
    lexiconFolders: [...new Set([...base.lexiconFolders, ...own.lexiconFolders])],
    checks: new Map([...base.checks, ...own.checks]),
    files: [...base.files, ...own.files],
  };
}

function readConfigFile(file: string): ConfigFile {
  if (!existsSync(file)) {
    throw new DunmailError('CONFIG_INVALID', 'the config file does not exist', { place: { file }, hint: 'pass --config with a path to a dunmail.config.json' });
  }
  return readJsonFile(file, validateConfig, { ...CONFIG_JSON, maxBytes: MAX_CONFIG_BYTES });
}

const MAX_CONFIG_BYTES = 256 * 1024;
const CONFIG_JSON = { code: 'CONFIG_INVALID', what: 'config', hint: 'see rules/dunmail.config.schema.json and docs/configuration.md' } as const;

/** Whether any rules object of the config names a rule that does not exist (then its places are looked up). */
function namesUnknownRule(raw: ConfigFile, known: ReadonlyMap<string, Rule<any>>): boolean {
  const unknown = (rules: object | undefined) => Object.keys(rules ?? {}).some((id) => !known.has(id));
  return unknown(raw.rules) || (raw.overrides ?? []).some((override) => unknown(override.rules));
}

function unknownRules(text: string, file: string, known: ReadonlyMap<string, Rule<any>>): DunmailError | undefined {
  const tree = jsonc().parseTree(text);
  if (!tree) return undefined;
  const lines = new LineIndex(text);
  const issues: Issue[] = [];
  const check = (node: JsonNode | undefined, pointer: string): void => {
    for (const property of node?.type === 'object' ? (node.children ?? []) : []) {
      const key = property.children?.[0];
      const id = key?.value as string | undefined;
      if (!key || id === undefined || known.has(id)) continue;
      const guess = closest(id, [...known.keys()]);
      issues.push({
        path: `${pointer}/${id}`,
        message: `unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
        ...lines.placeOf(key.offset),
      });
    }
  };
  check(jsonc().findNodeAtLocation(tree, ['rules']), '/rules');
  const overrides = jsonc().findNodeAtLocation(tree, ['overrides']);
  (overrides?.children ?? []).forEach((_, i) => check(jsonc().findNodeAtLocation(tree, ['overrides', i, 'rules']), `/overrides/${i}/rules`));
  const first = issues[0];
  if (!first) return undefined;
  return new DunmailError('CONFIG_INVALID', first.message, {
    place: { file, ...(first.line ? { line: first.line, column: first.column ?? 1 } : {}) },
    issues: issues.slice(1),
    hint: 'run `dunmail rules` for the list of rules',
  });
}

const optionValidators = new Map<string, (value: unknown) => ErrorObject[] | null>();

type Locate = (pointer: string) => { line: number; column: number } | undefined;

/** Finds the line and column of a JSON pointer in a config's text. */
function locator(text: string): Locate {
  // The tree is built when a place is first asked for: a valid config never needs one.
  let tree: JsonNode | undefined;
  let lines: LineIndex | undefined;
  return (pointer) => {
    tree ??= jsonc().parseTree(text);
    lines ??= new LineIndex(text);
    const segments = pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = tree && jsonc().findNodeAtLocation(tree, segments.slice(0, depth));
      if (node) return lines.placeOf(node.offset);
    }
    return undefined;
  };
}

function toRuleConfigs(
  settings: Record<string, RuleSetting>,
  file: string,
  pointer: string,
  base: Map<string, RuleConfig>,
  locate: Locate,
  known: ReadonlyMap<string, Rule<any>>,
): Map<string, RuleConfig> {
  const rules = new Map<string, RuleConfig>();
  const problems: { id: string; issues: Issue[] }[] = [];
  for (const [id, setting] of Object.entries(settings)) {
    const rule = known.get(id);
    if (!rule) continue;
    const [severity, options = {}] = Array.isArray(setting) ? setting : [setting];
    const errors = validateOptions(rule, options);
    if (errors) {
      const issues = toIssues(errors).map((issue) => {
        const path = `${pointer}/${id}/1${issue.path}`;
        return { ...issue, path, ...locate(path) };
      });
      problems.push({ id, issues });
      continue;
    }
    rules.set(id, { severity, options: { ...(base.get(id)?.options ?? defaultOptions(rule.meta)), ...options } });
  }
  // Every rule's wrong options at once, the first rule's leading.
  const [first] = problems;
  if (first) {
    const issues = problems.flatMap((p) => p.issues);
    const others = problems.length > 1 ? ` (and the options of ${problems.length - 1} more rule(s))` : '';
    throw new DunmailError('CONFIG_INVALID', `the options of rule "${first.id}" are invalid: ${first.issues[0]?.path} ${first.issues[0]?.message}${others}`, {
      place: { file, ...locate(first.issues[0]?.path ?? `${pointer}/${first.id}`) },
      issues,
      hint: problems.length > 1 ? `see docs/rules/<rule>.md for each rule's options: ${problems.map((p) => p.id).join(', ')}` : `see docs/rules/${first.id}.md for its options`,
    });
  }
  return rules;
}

/** A rule's option schema, under its id: the build precompiles the built-in rules' ones. */
export function ruleOptionsValidator(rule: Rule<any>): ValidateFunction {
  return schemaValidator(`rule-${rule.meta.id}`, rule.meta.schema);
}

function validateOptions(rule: Rule<any>, options: unknown): ErrorObject[] | null {
  let validate = optionValidators.get(rule.meta.id);
  if (!validate) {
    const compiled = ruleOptionsValidator(rule);
    validate = (value) => (compiled(value) ? null : (compiled.errors ?? []));
    optionValidators.set(rule.meta.id, validate);
  }
  return validate(options);
}
