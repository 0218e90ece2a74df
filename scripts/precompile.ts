/**
 * The build's second step (npm run build, after tsc), so a linter reads instead of compiles:
 * - the shipped lexicons' patterns, compiled for the shipped profiles, stored by content hash
 *   (src/lint/lexicon/precompiled.ts), a record of the lexicon and profile files found
 *   valid, so they are not checked again (src/lint/checked-at-build.ts), and an index of the
 *   lexicon each file holds, so a file is parsed only when its locale is linted;
 * - the project's JSON schemas and the built-in rules' option schemas as ajv standalone code
 *   (src/data/precompiled.ts). The modules that own a schema register it when imported;
 * - the shipped sentence models' one-class weights, laid out by feature
 *   (src/lint/classifier/precompiled.ts);
 * - eld's extrasmall database, its ngrams as two strings read on demand, which loads in a
 *   fraction of the time of eld's object literal (src/lint/language/eld.ts).
 */
import { LexiconSet, SHIPPED_LEXICONS } from '../src/lint/lexicon/load.js';
import { PRECOMPILED_LEXICONS, writeLexiconIndex, writePrecompiled } from '../src/lint/lexicon/precompiled.js';
import { writeCheckedRecord } from '../src/lint/checked-at-build.js';
import { PRECOMPILED_SCHEMAS, writePrecompiledSchemas } from '../src/data/precompiled.js';
import { ruleOptionsValidator } from '../src/lint/config/load.js';
import { builtInRules } from '../src/lint/rules/index.js';
import '../src/project/stages.js';
import '../src/data/validate.js';
import '../src/template/frontmatter.js';
import '../src/lint/locale/load.js';
import { besideEldEntry, STORED_ELD, storedDatabaseFile, type EldDatabase } from '../src/lint/language/eld.js';
import { replaceFolderFiles } from '../src/util/atomic-write.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_MODELS } from '../src/lint/classifier/load.js';
import { PRECOMPILED_MODELS, writePrecompiledModels } from '../src/lint/classifier/precompiled.js';

const shipped = new LexiconSet([SHIPPED_LEXICONS]);
const parts = shipped.compileAll();
writePrecompiled(parts);
writeCheckedRecord(shipped.checkedFiles());
writeLexiconIndex(shipped.index());
console.log(`precompiled ${parts.size} lexicon files into ${PRECOMPILED_LEXICONS}`);
for (const rule of builtInRules.values()) ruleOptionsValidator(rule);
const schemas = await writePrecompiledSchemas();
console.log(`precompiled ${schemas.length} schemas into ${PRECOMPILED_SCHEMAS}`);
const { ngramsData } = (await import(besideEldEntry('../ngrams/extrasmall.js'))) as { ngramsData: EldDatabase };
// The whole folder is replaced: an earlier build's form of the database goes.
replaceFolderFiles(path.dirname(STORED_ELD), new Map([[path.basename(STORED_ELD), storedDatabaseFile(ngramsData)]]));
console.log(`stored eld's extrasmall database, its ngrams read on demand, in ${STORED_ELD}`);
const models = new Map(
  readdirSync(SHIPPED_MODELS)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [path.basename(file, '.json'), readFileSync(path.join(SHIPPED_MODELS, file))] as const),
);
writePrecompiledModels(models);
console.log(`stored the one-class weights of ${models.size} model(s) in ${PRECOMPILED_MODELS}`);
