/**
 * `plateau docs`: the generated documentation, as a map from path (relative to the docs folder) to
 * content, then written or compared with what is on disk.
 *
 *   <theory>.md, <theory>/<plot>.svg   Markdown with ```math blocks, and its plots
 *   index.md                            the list of theories
 *   site/index.html, site/<theory>.html static HTML, KaTeX rendered at build time, SVG inlined
 *   site/katex/                         KaTeX stylesheet and WOFF2 fonts (no network when viewed)
 *   data/<theory>.json                  the computed numbers the pages show (see data.ts)
 *
 * A full build computes the data (derivations, runs, validators, figures); `fast` re-renders from
 * the stored data and refuses data whose declaration fingerprint no longer matches.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PlateauError } from '../core/errors.ts';
import { silentProgress, type Progress } from '../core/progress.ts';
import type { AnyTheory } from '../core/theory.ts';
import type { Validator } from '../core/validator.ts';
import { writeFileAtomic } from '../runs/atomic.ts';
import { computeDocData, declarationFingerprint, DOC_DATA_FORMAT, type DocData } from './data.ts';
import { toHtml } from './html.ts';
import { katexAssets } from './katex.ts';
import { toMarkdown } from './markdown.ts';
import { indexDoc, theoryPage } from './theory-doc.ts';

export interface DocsOptions {
  theories: readonly AnyTheory[];
  validatorsFor(theory: AnyTheory): Validator[];
  /** The docs folder; in fast mode the stored data is read from here. */
  dir: string;
  /** Re-render from the stored data instead of recomputing it. */
  fast?: boolean;
  progress?: Progress;
}

export type DocFiles = Map<string, string | Buffer>;

/** JSON with objects indented and arrays of numbers or strings on one line: small, stable diffs. */
export function stableJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${stableJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stableJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function dataPath(dir: string, theoryId: string): string {
  return join(dir, 'data', `${theoryId}.json`);
}

/** The stored data of a theory, checked against its current declaration. */
function readStoredData(dir: string, theory: AnyTheory): DocData {
  const path = dataPath(dir, theory.id);
  if (!existsSync(path)) throw new PlateauError('BAD_INPUT', `no stored docs data for ${theory.id} (${path}): run plateau docs (without --fast) to compute it`, { theory: theory.id });
  const data = JSON.parse(readFileSync(path, 'utf8')) as DocData;
  if (data.format !== DOC_DATA_FORMAT || data.fingerprint !== declarationFingerprint(theory)) {
    throw new PlateauError('BAD_INPUT', `stored docs data for ${theory.id} is stale (its declaration or version changed since ${path} was computed): run plateau docs (without --fast)`, { theory: theory.id });
  }
  return data;
}

function safeValidators(opts: DocsOptions, theory: AnyTheory): Validator[] {
  try {
    return opts.validatorsFor(theory);
  } catch {
    return [];
  }
}

/** Every file of the docs, from the declarations and the (computed or stored) data. */
export async function buildDocs(opts: DocsOptions): Promise<DocFiles> {
  const files: DocFiles = new Map();
  const data = new Map<string, DocData>();
  for (const theory of opts.theories) {
    const d = opts.fast ? readStoredData(opts.dir, theory) : await computeDocData(theory, safeValidators(opts, theory), { progress: opts.progress ?? silentProgress });
    data.set(theory.id, d);
    files.set(`data/${theory.id}.json`, `${stableJson(d)}\n`);
    const page = theoryPage(theory, d);
    const from = `the declaration of ${theory.id} (theory/${theory.id}/)`;
    files.set(`${theory.id}.md`, toMarkdown(page.doc, from));
    files.set(`site/${theory.id}.html`, toHtml(page.doc, from));
    for (const [path, svg] of page.figures) files.set(path, svg);
  }
  const index = indexDoc(opts.theories, data);
  files.set('index.md', toMarkdown(index, 'the theory registry (theory/index.ts)'));
  files.set('site/index.html', toHtml(index, 'the theory registry (theory/index.ts)'));
  for (const [path, content] of katexAssets()) files.set(`site/${path}`, content);
  return files;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function same(path: string, content: string | Buffer): boolean {
  if (!existsSync(path)) return false;
  const onDisk = readFileSync(path);
  return onDisk.equals(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

/** Paths that differ from `files`: changed, missing, or on disk but no longer generated. */
export function staleDocs(dir: string, files: DocFiles): string[] {
  const changed = [...files].filter(([path, content]) => !same(join(dir, path), content)).map(([path]) => path);
  const extra = filesUnder(dir).filter((p) => !files.has(p));
  return [...changed, ...extra].sort();
}

/** The shapes of generated paths: only these are ever removed from a docs folder. */
const GENERATED_PATH = /^(index\.md|[\w-]+\.md|data\/[\w-]+\.json|[\w-]+\/[\w.-]+\.svg|site\/[\w./-]+)$/;

function isGeneratedFolder(dir: string): boolean {
  const index = join(dir, 'index.md');
  return existsSync(index) && readFileSync(index, 'utf8').startsWith('<!-- Generated by `plateau docs`');
}

/**
 * Write what changed (atomically) and remove files that are no longer generated: only in a folder
 * that `plateau docs` wrote before, and only paths of the generated shapes, so pointing `--out` at
 * another folder never deletes anything of someone else's.
 */
export function writeDocs(dir: string, files: DocFiles): { written: string[]; removed: string[] } {
  const removed = isGeneratedFolder(dir) ? filesUnder(dir).filter((p) => !files.has(p) && GENERATED_PATH.test(p)) : [];
  const written: string[] = [];
  for (const [path, content] of files) {
    if (same(join(dir, path), content)) continue;
    writeFileAtomic(join(dir, path), content);
    written.push(path);
  }
  for (const p of removed) rmSync(join(dir, p));
  return { written, removed };
}
