#!/usr/bin/env node
// `npm run docs:check`: open the generated site (docs/generated/site) in headless Chromium, take a
// screenshot of every page, and fail when a page shows a KaTeX error, a KaTeX font that did not
// load, a glyph drawn by a fallback font instead of KaTeX's (a missing glyph), or any request to
// the network. Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe),
// so it needs no npm package. Skips with a message (exit 0) when Chromium is not installed.
//
// Missing glyphs are found two ways: the DevTools protocol names the platform fonts that drew each
// piece of KaTeX output (a non-KaTeX font there is a fallback), and every character is looked up in
// the character map of the KaTeX font its computed style selects (read from KaTeX's TTF files), which
// also catches glyphs no installed font has (drawn as empty boxes).
//
// Usage: node scripts/docs-check.mjs [site-dir] [screenshot-dir]
//   defaults: docs/generated/site, .plateau/docs-check
//   CHROMIUM=/path/to/chromium overrides the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const siteDir = resolve(process.argv[2] ?? 'docs/generated/site');
const shotDir = resolve(process.argv[3] ?? '.plateau/docs-check');

function findChromium() {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].filter(Boolean);
  for (const c of candidates) {
    const r = spawnSync('sh', ['-c', `command -v "${c}"`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** A DevTools-protocol client over Chromium's pipe: fd 3 carries commands, fd 4 replies and events. */
function connect(child) {
  let nextId = 1;
  const waiting = new Map();
  const listeners = [];
  let buffer = '';
  child.stdio[4].on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (msg.id && waiting.has(msg.id)) {
        const { resolve: ok, reject, method } = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else ok(msg.result);
      } else if (msg.method) {
        for (const l of listeners) l(msg);
      }
    }
  });
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      child.stdio[3].write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      return new Promise((ok, reject) => waiting.set(id, { resolve: ok, reject, method }));
    },
    on(listener) {
      listeners.push(listener);
    },
    waitFor(method, sessionId, timeoutMs = 20000) {
      return new Promise((ok, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
        listeners.push((m) => {
          if (m.method === method && m.sessionId === sessionId) {
            clearTimeout(timer);
            ok(m.params);
          }
        });
      });
    },
  };
}

/** The code points a TrueType font maps to a glyph (cmap formats 4 and 12). */
function fontCodePoints(file) {
  const b = readFileSync(file);
  const tables = b.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (b.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'cmap') cmap = b.readUInt32BE(12 + 16 * i + 8);
  const covered = new Set();
  const subtables = b.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + b.readUInt32BE(cmap + 4 + 8 * i + 4);
    const format = b.readUInt16BE(at);
    if (format === 4) {
      const seg = b.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * seg + 2;
      const deltas = starts + 2 * seg;
      const ranges = deltas + 2 * seg;
      for (let k = 0; k < seg; k++) {
        const end = b.readUInt16BE(ends + 2 * k);
        const start = b.readUInt16BE(starts + 2 * k);
        const delta = b.readInt16BE(deltas + 2 * k);
        const range = b.readUInt16BE(ranges + 2 * k);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph = range === 0 ? (c + delta) & 0xffff : b.readUInt16BE(ranges + 2 * k + range + 2 * (c - start));
          if (glyph !== 0) covered.add(c);
        }
      }
    } else if (format === 12) {
      const groups = b.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = b.readUInt32BE(at + 16 + 12 * g);
        const end = b.readUInt32BE(at + 20 + 12 * g);
        if (b.readUInt32BE(at + 24 + 12 * g) !== 0 || start !== end) for (let c = start; c <= end; c++) covered.add(c);
      }
    }
  }
  return covered;
}

/** KaTeX's fonts by family and style, e.g. `KaTeX_Main` → { Regular, Bold, Italic, BoldItalic }. */
function katexFonts() {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('katex/package.json')), 'dist', 'fonts');
  const fonts = new Map();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ttf'))) {
    const [family, style] = f.replace(/\.ttf$/, '').split('-');
    if (!fonts.has(family)) fonts.set(family, new Map());
    fonts.get(family).set(style, fontCodePoints(join(dir, f)));
  }
  return fonts;
}

/** Characters of `text` that the KaTeX font chosen by the computed style has no glyph for. */
function uncovered(fonts, run) {
  const styles = fonts.get(run.family);
  if (!styles) return [...run.text].filter((c) => c.trim());
  const bold = run.weight >= 600;
  const italic = run.style !== 'normal';
  const want = `${bold ? 'Bold' : ''}${italic ? 'Italic' : ''}` || 'Regular';
  const cmap = styles.get(want) ?? styles.get(bold ? 'Bold' : 'Regular') ?? styles.get('Regular') ?? [...styles.values()][0];
  return [...run.text].filter((c) => c.trim() && !/[\u200b\u2060\ufeff]/.test(c) && !cmap.has(c.codePointAt(0)));
}

/** Screenshot tile height in pixels. */
const TILE = 1400;

// In the page: mark every element inside KaTeX output that holds text directly, and report the
// KaTeX errors and the state of the KaTeX fonts.
const INSPECT = `(() => {
  let n = 0;
  const texts = [];
  for (const el of document.querySelectorAll('.katex-html *')) {
    const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join('').trim();
    if (own) {
      el.setAttribute('data-glyph-check', String(n++));
      const css = getComputedStyle(el);
      texts.push({ text: own, family: css.fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, ''), weight: Number(css.fontWeight), style: css.fontStyle });
    }
  }
  const fonts = [...document.fonts];
  return JSON.stringify({
    katex: document.querySelectorAll('.katex').length,
    katexErrors: [...document.querySelectorAll('.katex-error')].map((e) => e.textContent),
    fontErrors: fonts.filter((f) => f.status === 'error').map((f) => f.family),
    fontsLoaded: fonts.filter((f) => f.status === 'loaded').map((f) => f.family),
    texts,
    height: document.documentElement.scrollHeight,
  });
})()`;

async function checkPage(cdp, file, fonts) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const requests = [];
  cdp.on((m) => {
    if (m.sessionId === sessionId && m.method === 'Network.requestWillBeSent') requests.push(m.params.request.url);
  });
  for (const domain of ['Page', 'Network', 'DOM', 'CSS', 'Runtime']) await cdp.send(`${domain}.enable`, {}, sessionId);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1100, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = cdp.waitFor('Page.loadEventFired', sessionId);
  await cdp.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
  await loaded;
  await cdp.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true }, sessionId);
  const report = JSON.parse((await cdp.send('Runtime.evaluate', { expression: INSPECT, returnByValue: true }, sessionId)).result.value);

  // Which fonts drew each marked element: anything but a KaTeX font means KaTeX lacked the glyph.
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 }, sessionId);
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-glyph-check]' }, sessionId);
  const fallback = [];
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId }, sessionId);
    const foreign = fonts.filter((f) => !/^KaTeX/.test(f.familyName));
    if (foreign.length) {
      const { attributes } = await cdp.send('DOM.getAttributes', { nodeId }, sessionId);
      const index = Number(attributes[attributes.indexOf('data-glyph-check') + 1]);
      fallback.push(`"${report.texts[index].text}" drawn with ${foreign.map((f) => f.familyName).join(', ')}`);
    }
  }

  // The whole page in tiles of one screen each (a person can read a tile; a 10 000-pixel strip not).
  const height = Math.min(report.height, TILE * 20);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1100, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  const base = file.replace(/.*\//, '').replace(/\.html$/, '');
  const pngs = [];
  for (let k = 0; k * TILE < height; k++) {
    const clip = { x: 0, y: k * TILE, width: 1100, height: Math.min(TILE, height - k * TILE), scale: 1 };
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true }, sessionId);
    pngs.push(join(shotDir, `${base}-${k + 1}.png`));
    writeFileSync(pngs.at(-1), Buffer.from(shot.data, 'base64'));
  }
  const png = pngs.length > 1 ? `${pngs[0]} … ${pngs.at(-1)}` : pngs[0];
  await cdp.send('Target.closeTarget', { targetId });

  for (const run of report.texts) {
    const missing = uncovered(fonts, run);
    if (missing.length) fallback.push(`"${missing.join('')}" has no glyph in ${run.family} (in "${run.text}")`);
  }

  const network = requests.filter((u) => !/^(file|data|about):/.test(u));
  const problems = [
    ...report.katexErrors.map((e) => `KaTeX error: ${e}`),
    ...report.fontErrors.map((f) => `font failed to load: ${f}`),
    ...fallback.map((f) => `missing glyph: ${f}`),
    ...network.map((u) => `network request: ${u}`),
  ];
  return { file, png, katex: report.katex, fonts: [...new Set(report.fontsLoaded)].length, checkedNodes: nodeIds.length, problems };
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    process.stdout.write('docs:check skipped: Chromium is not installed (Debian: apt-get install chromium; or set CHROMIUM=/path/to/chromium)\n');
    return 0;
  }
  if (!existsSync(join(siteDir, 'index.html'))) {
    process.stderr.write(`docs:check: ${siteDir}/index.html is missing: run plateau docs first\n`);
    return 1;
  }
  mkdirSync(shotDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'plateau-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'];
  const child = spawn(chromium, flags, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const cdp = connect(child);
  const fonts = katexFonts();
  let failed = false;
  try {
    const pages = ['index.html', ...readdirSync(siteDir).filter((f) => f.endsWith('.html') && f !== 'index.html').sort()];
    for (const page of pages) {
      const r = await checkPage(cdp, join(siteDir, page), fonts);
      const ok = r.problems.length === 0;
      failed ||= !ok;
      process.stdout.write(`${ok ? '✓' : '✗'} ${page}: ${r.katex} formulas, ${r.checkedNodes} glyph runs checked, ${r.fonts} KaTeX fonts loaded; screenshots ${r.png}\n`);
      for (const p of r.problems.slice(0, 20)) process.stdout.write(`    ${p}\n`);
      if (r.problems.length > 20) process.stdout.write(`    … ${r.problems.length - 20} more\n`);
    }
  } catch (e) {
    process.stderr.write(`docs:check: ${e.message}\n${stderr.slice(-2000)}\n`);
    failed = true;
  } finally {
    // Close the browser (all its processes) and let it finish writing its profile before removing it.
    const exited = new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
    cdp.send('Browser.close').catch(() => {});
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
    if (child.exitCode === null) child.kill();
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      process.stderr.write(`docs:check: could not remove the temporary profile ${profile}\n`);
    }
  }
  process.stdout.write(failed ? 'docs:check FAILED\n' : 'docs:check passed\n');
  return failed ? 1 : 0;
}

process.exit(await main());
