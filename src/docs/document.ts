/**
 * A small document model: the generated docs are built once as blocks of inline pieces and then
 * rendered as Markdown (markdown.ts) and as HTML with KaTeX (html.ts), so the two never drift.
 */
export type Inline =
  | string
  | { math: string }
  | { code: string }
  | { strong: string }
  | { em: string }
  | { link: string; md: string; html: string }
  | { pass: boolean; text: string };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { type: 'para'; inline: Inline[] }
  | { type: 'math'; latex: string }
  | { type: 'table'; head: string[]; rows: Inline[][][] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'figure'; path: string; svg: string; caption: string };

export interface Doc {
  title: string;
  blocks: Block[];
}

export const heading = (level: 1 | 2 | 3, text: string, id?: string): Block => (id ? { type: 'heading', level, text, id } : { type: 'heading', level, text });
export const para = (...inline: Inline[]): Block => ({ type: 'para', inline });
export const math = (latex: string): Block => ({ type: 'math', latex });
