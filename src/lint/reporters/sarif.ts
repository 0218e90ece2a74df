import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleUrl } from '../types.js';
import { levelOf, relativePath, suggestionOf } from './shared.js';
import type { Reporter } from './types.js';

/** SARIF 2.1.0, for code-scanning annotations. */
export const sarif: Reporter = (files, { cwd, rules, version }) => {
  const descriptors: ReportingDescriptor[] = [...rules.values()].map((rule) => ({
    id: rule.meta.id,
    shortDescription: { text: rule.meta.description },
    helpUri: ruleUrl(rule.meta),
    defaultConfiguration: { level: rule.meta.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: { sources: rule.meta.sources },
  }));
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Result[] = [];
  for (const file of files) {
    for (const m of file.messages) {
      const place = m.place && 'start' in m.place ? m.place : undefined;
      const ruleIndex = m.ruleId ? index.get(m.ruleId) : undefined;
      const suggestion = suggestionOf(m);
      results.push({
        ...(m.ruleId ? { ruleId: m.ruleId } : {}),
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: levelOf(m),
        ...(m.messageId || m.sources ? { properties: { ...(m.messageId ? { messageId: m.messageId } : {}), ...(m.sources ? { sources: m.sources } : {}) } } : {}),
        message: { text: suggestion === undefined ? m.reason : `${m.reason}. Suggestion: ${suggestion}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relativePath(file, cwd) },
              region: place
                ? { startLine: place.start.line, startColumn: place.start.column, endLine: place.end.line, endColumn: place.end.column }
                : { startLine: m.line ?? 1, ...(m.column ? { startColumn: m.column } : {}) },
            },
          },
        ],
      });
    }
  }
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dunmail', version, informationUri: 'https://github.com/dunmail/dunmail', rules: descriptors } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};
