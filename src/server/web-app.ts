import type { AppOptions } from './app.ts';
import { inboxRouter } from './inbox-routes.ts';
import { notebooksRouter } from './notebooks-routes.ts';
import { trainingRouter } from './training-routes.ts';
import { webRouter } from './web-routes.ts';

/**
 * The web parts of kefu for `createApp(deps, webAppOptions)`: the notebooks, the agent's inbox and the trainer
 * under /api/v1 (behind the API key), the pages at the site root (public: they ask for the key).
 */
export const webAppOptions: Required<AppOptions> = {
  apiRouters: [notebooksRouter, inboxRouter, trainingRouter],
  routers: [() => webRouter()],
};
