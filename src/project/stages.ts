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

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/** The policy block of stages.json: when a reminder may go out, and when it should not (`planReminders`). */
export interface PlanPolicy {
  /** The days and local hours a reminder may be sent (N6: Tuesday to Thursday, early in the day). */
  sendWindow?: { days: Weekday[]; from: string; to: string };
  /** Balances below this, per currency, get no reminder: `{ "EUR": "5.00" }`. */
  minimumAmount?: Record<string, string>;
  /** Days after a promised payment date before reminders resume (N3: assume the best). */
  promiseGraceDays?: number;
  /** How many times a repeating stage is sent again after its first send (H3, R11). */
  maxRepeats?: number;
}

export interface StageDefinitions {
  urgentAfterBusinessDays?: number;
  policy?: PlanPolicy;
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
  const window = definitions.policy?.sendWindow;
  // The schema checks each time's shape; that the window opens before it closes it cannot say.
  if (window && window.from >= window.to) {
    throw new DunmailError('STAGES_INVALID', `policy.sendWindow: from ${window.from} is not before to ${window.to}`, {
      place: { file },
      hint: 'the window is local time in the customer\'s zone, e.g. from "05:00" to "06:00" (N6)',
    });
  }
  return { ...definitions, file };
}

/** Calendar days from the due date at which a window bound falls (business days: five in seven). */
export function calendarDays(value: number, unit: Stage['window']['unit']): number {
  return unit === 'business-days' ? Math.round((value * 7) / 5) : value;
}
