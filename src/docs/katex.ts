/**
 * LaTeX to HTML at build time with KaTeX, in strict mode (any non-standard input is an error, never
 * a silently wrong rendering), and the KaTeX stylesheet and fonts as local files so the site needs
 * no network when viewed. Only the WOFF2 fonts are shipped (every current browser reads them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { PlateauError } from '../core/errors.ts';

export function renderTex(latex: string, display: boolean): string {
  try {
    return katex.renderToString(latex, { displayMode: display, strict: 'error', throwOnError: true, output: 'htmlAndMathml' });
  } catch (e) {
    throw new PlateauError('SYMBOLIC', `KaTeX cannot render ${JSON.stringify(latex)}: ${(e as Error).message}`, { latex });
  }
}

function katexDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('katex/package.json')), 'dist');
}

/** Files of `katex/` in the site: the stylesheet (WOFF2 sources only) and the WOFF2 fonts. */
export function katexAssets(): Map<string, string | Buffer> {
  const dist = katexDist();
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g, '');
  const files = new Map<string, string | Buffer>([['katex/katex.min.css', css]]);
  for (const f of readdirSync(join(dist, 'fonts')).filter((n) => n.endsWith('.woff2')).sort()) {
    files.set(`katex/fonts/${f}`, readFileSync(join(dist, 'fonts', f)));
  }
  return files;
}

