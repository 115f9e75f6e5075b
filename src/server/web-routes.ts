import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { mermaidDiagram } from '../dialogue/diagram.ts';
import { ALL_MACHINES } from '../dialogue/flows.ts';

/**
 * The agent pages (web/: plain HTML, CSS and ES modules, no build step) at the site root, `/` being
 * index.html. They call the API with the key the agent enters, so the pages themselves are public.
 */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Everything the pages load comes from this server: no CDN, no inline script. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
/** Mermaid styles the SVG it draws with inline styles; scripts stay as strict as everywhere. */
const FLOWS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const require = createRequire(import.meta.url);
/** The browser libraries the pages use, served from the installed npm packages (no CDN). */
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  '/vendor/uplot/uPlot.esm.js': join(packageDir('uplot'), 'dist', 'uPlot.esm.js'),
  '/vendor/uplot/uPlot.min.css': join(packageDir('uplot'), 'dist', 'uPlot.min.css'),
  '/vendor/mermaid/mermaid.min.js': join(packageDir('mermaid'), 'dist', 'mermaid.min.js'),
};

/** Chinese names of the machines for /flows.html. */
export const MACHINE_TITLES: Readonly<Record<string, string>> = {
  orchestrator: '总调度（机器人 / 等待人工 / 人工）',
  escalation: '转人工',
  presale: '售前咨询',
  bargaining: '议价',
  logistics: '物流',
  aftersale: '售后',
  invoice: '发票',
};

export function webRouter(dir: string = WEB_DIR): Router {
  const router = Router();
  const headers = (res: express.Response): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  };
  for (const [path, file] of Object.entries(VENDOR_FILES)) {
    router.get(path, (_req, res) => {
      headers(res);
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  // Every machine's Mermaid diagram, for /flows.html (the machines are code, not shop data: public).
  router.get('/flows.json', (_req, res) => {
    headers(res);
    res.json({ machines: Object.entries(ALL_MACHINES).map(([name, machine]) => ({ name, title: MACHINE_TITLES[name] ?? name, diagram: mermaidDiagram(machine) })) });
  });
  router.use(
    express.static(dir, {
      index: 'index.html',
      dotfiles: 'ignore',
      // Pages change with the server: revalidate instead of serving a stale script.
      cacheControl: true,
      maxAge: 0,
      setHeaders(res, path) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', path.endsWith('flows.html') ? FLOWS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
      },
    }),
  );
  return router;
}
