import path from 'node:path';
import stagesSchema from '../schemas/stages.schema.json' with { type: 'json' };
import { schemaValidator } from '../data/precompiled.js';
import { DunmailError } from '../errors.js';
import { readJsonFile } from '../util/json-file.js';

export type Tone = 'gentle' | 'friendly' | 'firm' | 'urgent' | 'formal';

/** One step of the reminder sequence, as stages.json defines it. */
export interface Stage {
  id: string;
  description?: string;
  window: { start: number; end?: number; unit: 'days' | 'business-days' };
  tone: Tone;
  late: boolean;
  tasks?: ('notify-account-owner' | 'personal-follow-up' | 'phone-call' | 'legal-review')[];
  repeat?: { everyDays: number };
  sources?: string[];
}

export interface StageDefinitions {
  urgentAfterBusinessDays?: number;
  stages: Stage[];
}

/** Tones in the order lateness may raise them; the sequence never steps back. */
export const TONE_ORDER: readonly Tone[] = ['gentle', 'friendly', 'firm', 'urgent', 'formal'];

export const STAGES_FILE = 'stages.json';
const validateStages = schemaValidator<StageDefinitions>('stages', stagesSchema);

export function loadStages(templatesDir: string): StageDefinitions & { file: string } {
  const file = path.join(templatesDir, STAGES_FILE);
  const definitions = readJsonFile(file, validateStages, {
    code: 'STAGES_INVALID',
    maxBytes: 256 * 1024,
    what: 'stage definitions',
    hint: 'each stage needs id, window {start, end, unit}, tone and late; see src/schemas/stages.schema.json',
  });
  const seen = new Set<string>();
  for (const stage of definitions.stages) {
    if (seen.has(stage.id)) {
      throw new DunmailError('STAGES_INVALID', `stage "${stage.id}" is defined twice`, { place: { file } });
    }
    seen.add(stage.id);
  }
  return { ...definitions, file };
}

/** Calendar days from the due date at which a window bound falls (business days: five in seven). */
export function calendarDays(value: number, unit: Stage['window']['unit']): number {
  return unit === 'business-days' ? Math.round((value * 7) / 5) : value;
}
