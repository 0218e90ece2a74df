import path from 'node:path';
import { defineRule } from '../types.js';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'sequence-consistency',
    description: 'Every stage has a template in every locale, and the subjects of a sequence differ.',
    sources: ['N12', 'C2'],
    defaultSeverity: 'warn',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    messages: {
      'template-missing': 'Stage `{{stage}}` has no template in {{locales}}',
      'subject-shared': 'Stages `{{first}}` and `{{stage}}` share the subject `{{subject}}` in `{{locale}}`; each reminder needs its own',
    },
    appliesTo: { kinds: ['sequence'] },
  },
  check(document, { report }) {
    const sequence = document.sequence;
    const stages = document.stages?.stages ?? [];
    if (!sequence) return;
    const root = path.dirname(document.file.path);
    const locales = [...new Set(sequence.templates.map((t) => t.locale))].sort();
    stages.forEach((stage, i) => {
      const missing = locales.filter((locale) => !sequence.templates.some((t) => t.stage === stage.id && t.locale === locale));
      if (missing.length > 0) {
        report({
          start: sequence.offsetOf(['stages', i, 'id']),
          messageId: 'template-missing',
          data: { stage: stage.id, locales: missing.map((l) => `\`${l}\``).join(', ') },
          note: `Add ${missing.map((l) => `${l}/${stage.id}.mjml.njk`).join(', ')}.`,
        });
      }
    });
    for (const locale of locales) {
      const seen = new Map<string, string>();
      for (const template of sequence.templates.filter((t) => t.locale === locale)) {
        const key = template.subject.replace(/\s+/g, ' ').trim().toLowerCase();
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, template.stage);
          continue;
        }
        const i = stages.findIndex((s) => s.id === template.stage);
        report({
          start: sequence.offsetOf(['stages', Math.max(0, i), 'id']),
          messageId: 'subject-shared',
          data: { first, stage: template.stage, subject: template.subject, locale },
          note: `${path.relative(root, template.path)}:${template.subjectLine}`,
        });
      }
    }
  },
});
