import { createRequire } from 'node:module';

/** One MJML component as mjml itself describes it: the attributes it accepts and the children it may hold. */
export interface MjmlComponent {
  name: string;
  /** Attribute name to its type as mjml writes it: `color`, `unit(px,%)`, `enum(left,center,right)`. */
  attributes: ReadonlyMap<string, string>;
  defaults: Readonly<Record<string, string>>;
  /** The components it may contain; undefined when mjml does not say. */
  children: readonly (string | RegExp)[] | undefined;
  /** Whether its content is HTML or text rather than components (mj-text, mj-button). */
  endingTag: boolean;
}

// mjml-validator accepts these on every component.
const GLOBAL_ATTRIBUTES: readonly [string, string][] = [
  ['mj-class', 'string'],
  ['css-class', 'string'],
];

let loaded: Promise<ReadonlyMap<string, MjmlComponent>> | undefined;

/**
 * The components registered in mjml-core once mjml has loaded its preset: read on the
 * first completion inside markup (mjml takes most of a second to load), never at start-up.
 * The compiler loads the same mjml, so after a first full lint this costs nothing.
 */
export function mjmlComponents(): Promise<ReadonlyMap<string, MjmlComponent>> {
  loaded ??= import('mjml').then(() => {
    const fromMjml = createRequire(createRequire(import.meta.url).resolve('mjml'));
    const { components } = fromMjml('mjml-core') as { components: Record<string, RegisteredComponent> };
    const { dependencies } = fromMjml('mjml-validator') as { dependencies: Record<string, (string | RegExp)[]> };
    const found = new Map<string, MjmlComponent>();
    for (const [name, component] of Object.entries(components)) {
      found.set(name, {
        name,
        attributes: new Map([...Object.entries(component.allowedAttributes ?? {}), ...GLOBAL_ATTRIBUTES]),
        defaults: component.defaultAttributes ?? {},
        children: dependencies[name],
        endingTag: component.endingTag === true,
      });
    }
    return found;
  });
  return loaded;
}

interface RegisteredComponent {
  allowedAttributes?: Record<string, string>;
  defaultAttributes?: Record<string, string>;
  endingTag?: boolean;
}

/** The values an attribute type allows, when it lists them: `enum(left,right)`, a boolean. */
export function attributeValues(type: string): string[] {
  const listed = /^enum\((.*)\)$/.exec(type);
  if (listed) return (listed[1] ?? '').split(',').filter(Boolean);
  return type === 'boolean' ? ['true', 'false'] : [];
}
