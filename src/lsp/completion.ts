import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DataField } from '../data/schema-paths.js';
import { completionContext, type CompletionContext } from './completion-context.js';
import { attributeValues, mjmlComponents, type MjmlComponent } from './mjml-components.js';

/** Completion in a template: data paths in tags, filters after `|`, MJML tags, attributes and their values. */
export async function completeAt(document: TextDocument, position: Position, snippets: boolean): Promise<CompletionItem[]> {
  const offset = document.offsetAt(position);
  const context = completionContext(document.getText(), offset);
  if (!context) return [];
  const range = { start: document.positionAt(context.start), end: position };
  const edit = (newText: string) => ({ range, newText });
  switch (context.kind) {
    case 'data':
      return (await dataItems(context)).map((item) => ({ ...item, filterText: item.label, textEdit: edit(item.label) }));
    case 'filter':
      return (await filterItems()).map((item) => ({ ...item, textEdit: edit(item.label) }));
    case 'tag':
      return tagItems(await mjmlComponents(), context.parent).map((item) => ({ ...item, textEdit: edit(item.label) }));
    case 'attribute': {
      const component = (await mjmlComponents()).get(context.tag);
      if (!component) return [];
      return [...component.attributes]
        .filter(([name]) => !context.present.includes(name))
        .map(([name, type]) => ({
          label: name,
          kind: CompletionItemKind.Property,
          detail: type,
          ...(component.defaults[name] === undefined ? {} : { documentation: `default: ${component.defaults[name]}` }),
          textEdit: edit(snippets ? `${name}="$1"` : `${name}=""`),
          ...(snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
        }));
    }
    case 'value': {
      const type = (await mjmlComponents()).get(context.tag)?.attributes.get(context.attribute);
      return type ? attributeValues(type).map((value) => ({ label: value, kind: CompletionItemKind.EnumMember, textEdit: edit(value) })) : [];
    }
  }
}

type Item = CompletionItem & { label: string };

/** Every field a template can read (`invoice.number`), and in a loop the fields of its items (`method.label`). */
async function dataItems(context: Extract<CompletionContext, { kind: 'data' }>): Promise<Item[]> {
  const { dataTree, lookupPath } = await import('../data/schema-paths.js');
  const items: Item[] = [];
  const walk = (field: DataField, name: string, depth: number): void => {
    for (const [key, child] of field.properties ?? []) {
      const path = name ? `${name}.${key}` : key;
      items.push(fieldItem(path, child, depth));
      walk(child, path, depth + 1);
    }
  };
  walk(dataTree(), '', 0);
  for (const [variable, list] of context.loops) {
    const found = lookupPath(list.split('.')).found;
    const item = found?.type === 'array' ? found.items : undefined;
    if (!item) continue;
    items.push(fieldItem(variable, item, 0, `an item of ${list}`));
    walk(item, variable, 1);
  }
  if (context.loops.size) {
    for (const [key, detail] of LOOP) items.push({ label: `loop.${key}`, kind: CompletionItemKind.Variable, detail, sortText: `1 loop.${key}` });
  }
  // The client filters by what was typed; the server only drops other branches.
  const parent = context.typed.includes('.') ? context.typed.slice(0, context.typed.lastIndexOf('.') + 1) : '';
  return items.filter((item) => item.label.startsWith(parent));
}

const LOOP: [string, string][] = [
  ['index', 'number: the iteration, from 1'],
  ['index0', 'number: the iteration, from 0'],
  ['first', 'boolean: the first iteration'],
  ['last', 'boolean: the last iteration'],
  ['length', 'number: how many items'],
];

function fieldItem(path: string, field: DataField, depth: number, note?: string): Item {
  const kind = field.type === 'object' ? CompletionItemKind.Module : field.type === 'array' ? CompletionItemKind.Variable : CompletionItemKind.Field;
  const traits = [field.type, field.required ? '' : 'may be missing', field.currency ? 'ISO 4217 code' : '', field.date ? 'ISO date' : '', note ?? ''].filter(Boolean);
  return {
    label: path,
    kind,
    detail: traits.join(', '),
    ...(field.description ? { documentation: { kind: MarkupKind.Markdown, value: field.description } } : {}),
    sortText: `${depth} ${path}`,
  };
}

async function filterItems(): Promise<Item[]> {
  const { FILTERS } = await import('../template/filter-catalog.js');
  return [...FILTERS].map(([name, signature]) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: signature.args.length ? `${name}(${signature.args.map((arg, i) => (i < signature.required ? arg : `${arg}?`)).join(', ')})` : name,
  }));
}

/** The components that may go where the cursor is (all of them when the enclosing one is not in this file). */
function tagItems(components: ReadonlyMap<string, MjmlComponent>, parent: string | undefined): Item[] {
  const allowed = parent ? components.get(parent)?.children : undefined;
  const fits = (name: string) => !allowed || allowed.some((child) => (typeof child === 'string' ? child === name : child.test(name)));
  return [...components.values()]
    .filter((component) => fits(component.name))
    .map((component) => ({
      label: component.name,
      kind: CompletionItemKind.Class,
      detail: component.endingTag ? 'holds text or HTML' : 'holds components',
      documentation: `attributes: ${[...component.attributes.keys()].join(', ')}`,
    }));
}
