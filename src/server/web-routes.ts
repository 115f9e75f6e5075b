import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/**
 * The agent pages (web/: plain HTML, CSS and ES modules, no build step) at the site root, `/` being
 * index.html. They call the API with the key the agent enters, so the pages themselves are public.
 */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Everything the pages load comes from this server: no CDN, no inline script. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function webRouter(dir: string = WEB_DIR): Router {
  const router = Router();
  router.use(
    express.static(dir, {
      index: 'index.html',
      dotfiles: 'ignore',
      // Pages change with the server: revalidate instead of serving a stale script.
      cacheControl: true,
      maxAge: 0,
      setHeaders(res) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      },
    }),
  );
  return router;
}
