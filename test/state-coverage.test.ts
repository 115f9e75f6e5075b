import { describe, expect, it } from 'vitest';
import { ALL_MACHINES } from '../src/dialogue/flows.ts';
import { leafStates } from '../src/dialogue/state-labels.ts';
import { loadScripts } from '../src/dialogue/scripts.ts';
import { loadStoryFile, runStory, storyFilesIn, type StoryDeps } from '../src/dialogue/stories.ts';
import { defaultClassifier } from '../src/nlu/default-classifier.ts';
import { loadDemoOrderProvider } from '../src/orders/demo-provider.ts';
import { loadDemoShop } from '../src/shop/load.ts';

// Every state of every machine is visited by some conversation story: a state no story reaches
// is either unreachable or untested.
describe('state coverage of the conversation stories', () => {
  it('visits every state of the orchestrator, the escalation machine and every scenario machine', async () => {
    const shop = loadDemoShop();
    const deps: StoryDeps = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop) };
    const visited = new Set<string>();
    for (const file of storyFilesIn(new URL('./stories/', import.meta.url).pathname)) {
      for (const story of loadStoryFile(file)) {
        for (const step of (await runStory(story, deps)).steps) {
          if (!step.actual) continue;
          const [owner, flow] = step.actual.state.split('/') as [string, string];
          visited.add(`orchestrator.${owner}`);
          visited.add(flow);
        }
      }
    }
    // A machine that ran at all started in its initial state (turns report the state after them).
    const { orchestrator, ...machines } = ALL_MACHINES;
    for (const [name, machine] of Object.entries(machines)) {
      const initial = machine.root.initial?.target[0]?.key;
      if (initial && [...visited].some((s) => s.startsWith(`${name}.`))) visited.add(`${name}.${initial}`);
    }
    const expected = [
      ...leafStates(orchestrator!).map((s) => `orchestrator.${s}`),
      ...Object.entries(machines).flatMap(([name, machine]) => leafStates(machine).map((s) => `${name}.${s}`)),
    ];
    expect(expected.filter((s) => !visited.has(s))).toEqual([]);
  }, 60_000);
});
