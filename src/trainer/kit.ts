import { loadScripts, type ScriptsLibrary } from '../dialogue/scripts.ts';
import { loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { loadDemoShop } from '../shop/load.ts';
import { loadTrainerLibrary, type TrainerLibrary } from './load.ts';
import { worldOf, type TrainerWorld } from './world.ts';

/** The demo shop, its orders, the scripts and the trainer's data, loaded once (CLI, server and tests). */
export interface TrainerKit {
  library: TrainerLibrary;
  world: TrainerWorld;
  scripts: ScriptsLibrary;
}

export async function loadTrainerKit(scripts: ScriptsLibrary = loadScripts()): Promise<TrainerKit> {
  const shop = loadDemoShop();
  const world = await worldOf(shop, loadDemoOrderProvider(shop));
  return { library: loadTrainerLibrary(), world, scripts };
}
