import { loadDemoOrderProvider } from '../src/orders/demo-provider.ts';
import { defaultClassifier } from '../src/nlu/default-classifier.ts';
import { loadTrainerKit } from '../src/trainer/kit.ts';
import { selfPlay } from '../src/trainer/self-play.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

/**
 * Self-play: the trainer's simulated buyers (every scenario in turn, personas in turn) against
 * the engine in-process, each dialogue scored with the trainee's scorecard (`kefu simulate`).
 * The figure to beat is published, not run here: ConvLab-2's rule-based pipeline against its
 * agenda-based user simulator, 85.5 % task success over 1,000 MultiWOZ dialogues (Zhu et al.,
 * ACL 2020 demo) — another domain and simulator, so a reference point rather than a peer.
 */
const DIALOGUES = 1000;
const CONVLAB2_SUCCESS = 0.855;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export const selfPlayBench: BenchSection = {
  id: 'selfplay',
  title: 'Self-play: simulated buyers against the bot',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const kit = await loadTrainerKit();
    const deps = { classifier: defaultClassifier(), scripts: kit.scripts, shop: kit.world.shop, orders: loadDemoOrderProvider(kit.world.shop) };
    ctx.log(`selfplay: ${DIALOGUES} dialogues over ${kit.library.scenarios.length} scenarios`);
    const started = performance.now();
    const { report } = await selfPlay(kit, deps, { dialogues: DIALOGUES, seed: ctx.options.seed });
    const seconds = (performance.now() - started) / 1000;
    const top = report.failures.slice(0, 5).map((f) => `${f.scenario}/${f.step} ×${f.count}`);
    return {
      id: 'selfplay',
      title: this.title,
      rows: [
        {
          bench: `self-play, ${DIALOGUES.toLocaleString('en-US')} simulated buyers, ${kit.library.scenarios.length} scenarios (goal: rule breaks 0, under a minute)`,
          kefu: `success ${pct(report.success)} · completion ${pct(report.completion)} · ${report.avgTurns} turns · hand-offs ${pct(report.handoffRate)} · rule breaks ${report.ruleBreaks} · ${seconds.toFixed(1)} s`,
          peer: `success ${pct(CONVLAB2_SUCCESS)}`,
          peerName: 'ConvLab-2 rule-based pipeline vs its agenda simulator (published, MultiWOZ; not run)',
          ratio: `${report.success >= CONVLAB2_SUCCESS ? '+' : ''}${((report.success - CONVLAB2_SUCCESS) * 100).toFixed(1)} pts`,
        },
      ],
      notes: [
        `Seed ${ctx.options.seed}; a dialogue succeeds when every ask of the buyer's agenda is answered, the outcome is reached, every required step is hit, and no rule or fact is wrong (the trainee's scorecard).`,
        `Most frequent failures (scenario/step): ${top.join(', ') || 'none'}; \`npx kefu simulate --dialogues 1000\` prints them with transcripts.`,
      ],
      data: { dialogues: report.dialogues, success: report.success, completion: report.completion, avgTurns: report.avgTurns, handoffRate: report.handoffRate, ruleBreaks: report.ruleBreaks, seconds },
    };
  },
};
