export function pageWidths(): { scrollWidth: number; clientWidth: number };
export function smallText(min: number): { text: string; fontSize: string; element: string }[];
export function payButtons(href: string): { text: string; height: number; left: number; right: number; viewport: number; visible: boolean }[];
export function layout(): {
  viewport: number;
  scrollWidth: number;
  desktop: boolean;
  sections: number[];
  columns: { className: string; width: number; expected: number }[];
};
export function documentLang(): string;
export function axeViolations(): Promise<{ id: string; impact: string | null | undefined; help: string; nodes: string[] }[]>;
export function overflowing(): { scrollWidth: number; over: string[] };
