import type { AppOptions } from './app.ts';
import type { AppDeps } from './context.ts';
import { inboxRouter } from './inbox-routes.ts';
import { notebooksRouter } from './notebooks-routes.ts';
import { webRouter } from './web-routes.ts';

/**
 * The web parts of kefu for `createApp(deps, webAppOptions(deps))`: the notebooks and the agent's
 * inbox under /api/v1 (behind the API key), the pages at the site root (public: they ask for the key).
 */
export function webAppOptions(deps: Pick<AppDeps, 'store' | 'clock'>): Required<AppOptions> {
  return { apiRouters: [notebooksRouter(deps), inboxRouter(deps)], routers: [webRouter()] };
}
