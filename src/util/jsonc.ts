import type * as JsoncParser from 'jsonc-parser';
import { lazyModule } from './lazy-module.js';

export type { Node as JsonNode, ParseError, ParseErrorCode } from 'jsonc-parser';

/** jsonc-parser, which keeps offsets, read only when a problem in a JSON file must be placed. */
export const jsonc = lazyModule<typeof JsoncParser>('jsonc-parser');
