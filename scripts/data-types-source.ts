import { readFileSync } from 'node:fs';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

/** The TypeScript source generated from the render-data schema. */
export async function dataTypesSource(): Promise<string> {
  const schema = JSON.parse(readFileSync(new URL('../src/schemas/data.schema.json', import.meta.url), 'utf8')) as JSONSchema;
  return compile(schema, 'RenderData', {
    bannerComment: '/* Generated from src/schemas/data.schema.json by `npm run types:data`. Do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true },
    ignoreMinAndMaxItems: true,
  });
}
