#!/usr/bin/env node
// `npm run docs:check`: open the generated site (docs/generated/site) in headless Chromium, take a
// screenshot of every page, and fail when a page shows a KaTeX error, a KaTeX font that did not
// load, a glyph drawn by a fallback font instead of KaTeX's (a missing glyph), or any request to
// the network. Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe),
// so it needs no npm package. Skips with a message (exit 0) when Chromium is not installed.
//
// Usage: node scripts/docs-check.mjs [site-dir] [screenshot-dir]
//   defaults: docs/generated/site, .plateau/docs-check
//   CHROMIUM=/path/to/chromium overrides the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

// In the page: mark every element inside KaTeX output that holds text directly, and report the
// KaTeX errors and the state of the KaTeX fonts.
const INSPECT = `(() => {
  let n = 0;
  const texts = [];
  for (const el of document.querySelectorAll('.katex-html *')) {
    const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join('').trim();
    if (own) { el.setAttribute('data-glyph-check', String(n++)); texts.push(own); }
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

async function checkPage(cdp, file) {
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
      fallback.push(`"${report.texts[index]}" drawn with ${foreign.map((f) => f.familyName).join(', ')}`);
    }
  }

  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1100, height: Math.min(Math.max(report.height, 600), 6000), deviceScaleFactor: 1, mobile: false }, sessionId);
  const shot = await cdp.send('Page.captureScreenshot', { format: 'png' }, sessionId);
  const png = join(shotDir, file.replace(/.*\//, '').replace(/\.html$/, '.png'));
  writeFileSync(png, Buffer.from(shot.data, 'base64'));
  await cdp.send('Target.closeTarget', { targetId });

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
  let failed = false;
  try {
    const pages = ['index.html', ...readdirSync(siteDir).filter((f) => f.endsWith('.html') && f !== 'index.html').sort()];
    for (const page of pages) {
      const r = await checkPage(cdp, join(siteDir, page));
      const ok = r.problems.length === 0;
      failed ||= !ok;
      process.stdout.write(`${ok ? '✓' : '✗'} ${page}: ${r.katex} formulas, ${r.checkedNodes} glyph runs checked, ${r.fonts} KaTeX fonts loaded; screenshot ${r.png}\n`);
      for (const p of r.problems.slice(0, 20)) process.stdout.write(`    ${p}\n`);
      if (r.problems.length > 20) process.stdout.write(`    … ${r.problems.length - 20} more\n`);
    }
  } catch (e) {
    process.stderr.write(`docs:check: ${e.message}\n${stderr.slice(-2000)}\n`);
    failed = true;
  } finally {
    child.kill();
    rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(failed ? 'docs:check FAILED\n' : 'docs:check passed\n');
  return failed ? 1 : 0;
}

process.exit(await main());
