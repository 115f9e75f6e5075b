import { createRequire } from 'node:module';
import type { LabelledExample } from '../src/nlu/dataset.ts';

/**
 * NLP.js v4 set up as its README shows for a language package: `containerBootstrap()`,
 * `container.use(Nlp)`, `container.use(LangZh)`, `nlp.addLanguage('zh')`,
 * `nlp.addDocument('zh', text, intent)`, `await nlp.train()`, `await nlp.process('zh', text)`.
 * Nothing is tuned: default pipeline, default threshold (0.5, below which the answer is
 * 'None'), default neural settings.
 *
 * Kept quiet and hermetic, without changing what it computes:
 * - `nlp.settings.autoSave = false` and `autoLoad = false` as the README does (no model.nlp
 *   read or written);
 * - `log: false` for the NLU manager (no per-epoch training log). node-nlp's NlpManager passes
 *   `nlu: { log: false }` to `new Nlp()`, which hands it to the NLU manager; with `use(Nlp)`
 *   the Nlp singleton (and its NLU manager) is created on the spot, so the same setting goes
 *   in as the container's `nlu-manager` configuration at bootstrap (its default is `{}`).
 *   The `nlp` configuration itself is left alone: replacing it would also drop defaults
 *   such as `threshold: 0.5`;
 * - `loadEnv: false`, so bootstrapping does not read a `.env` from the working directory;
 * - the container's logger replaced by one that records (the documented way to plug a logger);
 * - what the library prints regardless — @nlpjs/lang-zh's `console.log('Compiling dictionary')`
 *   and pino's deprecation warning when @nlpjs/logger is loaded — is captured while
 *   setting up and training and handed back in `captured` instead of reaching the terminal.
 *
 * @nlpjs ships no type declarations; the little used here is typed below.
 */

interface NlpjsContainer {
  use(item: unknown): string;
  get(name: string): unknown;
  register(name: string, item: unknown, isSingleton?: boolean): void;
}

interface NlpjsBasic {
  containerBootstrap(settings?: { [key: string]: unknown }): NlpjsContainer | Promise<NlpjsContainer>;
  Nlp: unknown;
}

interface NlpjsLangZh {
  LangZh: unknown;
}

interface NlpjsNlp {
  settings: { autoSave?: boolean; autoLoad?: boolean; threshold?: number; [key: string]: unknown };
  addLanguage(locale: string | string[]): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  addAnswer(locale: string, intent: string, answer: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent?: unknown; score?: unknown; answer?: unknown }>;
}

interface NlpjsTokenizer {
  tokenize(text: string, normalize?: boolean): string[];
}

interface NlpjsStemmer {
  stem(text: string): Promise<string[]>;
}

export interface NlpjsAnswer {
  /** The intent NLP.js returned: one of the trained ones, or 'None'. */
  intent: string;
  score: number;
}

export interface NlpjsReply extends NlpjsAnswer {
  /** The answer NLP.js picked for the intent (added with addAnswer), if any. */
  answer: string | undefined;
}

export interface NlpjsPeer {
  /** e.g. "NLP.js 4.27.0 (@nlpjs/basic + @nlpjs/lang-zh 4.26.1)". */
  readonly name: string;
  readonly versions: { basic: string; nlp: string; nlu: string; neural: string; langZh: string };
  /** Seconds spent loading the packages and bootstrapping the container. */
  readonly setupSeconds: number;
  /** The Chinese dictionary @nlpjs/lang-zh compiles on first use; resolves to the seconds it took. */
  compileDictionary(): Promise<number>;
  /** addDocument() for every example, then train(). */
  train(examples: readonly LabelledExample[]): Promise<void>;
  process(text: string): Promise<NlpjsAnswer>;
  /** nlp.addAnswer('zh', intent, answer): the chatbot use, one answer per intent. */
  addAnswer(intent: string, answer: string): void;
  /** `await nlp.process('zh', text)` as a chatbot turn: intent, score and the answer chosen. */
  reply(text: string): Promise<NlpjsReply>;
  /** What lang-zh makes of a text: its tokenizer's words and its stemmer's features. */
  explain(text: string): Promise<{ tokens: string[]; stems: string[] }>;
  /** Lines NLP.js printed or logged (console.log, its logger, process warnings), captured. */
  readonly captured: readonly string[];
  readonly threshold: number;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  const pkg = require(`${name}/package.json`) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

function show(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
}

/** Runs `fn` with console.log/info/warn and process warnings recorded into `into` instead of printed. */
async function capturing<T>(into: string[], fn: () => T | Promise<T>): Promise<T> {
  const { log, info, warn } = console;
  const emitWarning = process.emitWarning;
  console.log = (...args: unknown[]) => void into.push(`console.log: ${show(args)}`);
  console.info = (...args: unknown[]) => void into.push(`console.info: ${show(args)}`);
  console.warn = (...args: unknown[]) => void into.push(`console.warn: ${show(args)}`);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = rest.find((r): r is string => typeof r === 'string' && /^[A-Z]+\d+$/.test(r));
    into.push(`process warning${code ? ` ${code}` : ''}: ${typeof warning === 'string' ? warning : warning.message}`);
  }) as typeof process.emitWarning;
  try {
    return await fn();
  } finally {
    console.log = log;
    console.info = info;
    console.warn = warn;
    process.emitWarning = emitWarning;
  }
}

export async function createNlpjsPeer(): Promise<NlpjsPeer> {
  const captured: string[] = [];
  const t0 = performance.now();
  const { container, nlp } = await capturing(captured, async () => {
    const basic = require('@nlpjs/basic') as NlpjsBasic;
    const { LangZh } = require('@nlpjs/lang-zh') as NlpjsLangZh;
    const container = await basic.containerBootstrap({ loadEnv: false, settings: { 'nlu-manager': { log: false } } });
    const record = (level: string) => (...args: unknown[]) => void captured.push(`logger.${level}: ${show(args)}`);
    container.register('logger', {
      trace: record('trace'),
      debug: record('debug'),
      info: record('info'),
      log: record('log'),
      warn: record('warn'),
      error: record('error'),
      fatal: record('fatal'),
    });
    container.use(basic.Nlp);
    container.use(LangZh);
    const nlp = container.get('nlp') as NlpjsNlp;
    nlp.settings.autoSave = false;
    nlp.settings.autoLoad = false;
    nlp.addLanguage('zh');
    return { container, nlp };
  });
  const setupSeconds = (performance.now() - t0) / 1000;

  const nluManager = (nlp as unknown as { nluManager?: { settings?: { log?: unknown } } }).nluManager;
  if (nluManager?.settings?.log !== false) throw new Error('NLP.js: nlu log setting did not reach the NLU manager; training would print every epoch');
  const tokenizer = container.get('tokenizer-zh') as NlpjsTokenizer | undefined;
  const stemmer = container.get('stemmer-zh') as NlpjsStemmer | undefined;
  if (!tokenizer || !stemmer) throw new Error('NLP.js: @nlpjs/lang-zh did not register tokenizer-zh / stemmer-zh');

  const versions = {
    basic: packageVersion('@nlpjs/basic'),
    nlp: packageVersion('@nlpjs/nlp'),
    nlu: packageVersion('@nlpjs/nlu'),
    neural: packageVersion('@nlpjs/neural'),
    langZh: packageVersion('@nlpjs/lang-zh'),
  };
  if (typeof nlp.settings.threshold !== 'number') throw new Error('NLP.js: nlp.settings.threshold is not set; its default configuration did not load');
  const threshold = nlp.settings.threshold;

  return {
    name: `NLP.js ${versions.basic} (@nlpjs/basic + @nlpjs/lang-zh ${versions.langZh})`,
    versions,
    setupSeconds,
    threshold,
    captured,
    async compileDictionary() {
      const t = performance.now();
      await capturing(captured, () => tokenizer.tokenize('你好'));
      return (performance.now() - t) / 1000;
    },
    async train(examples) {
      await capturing(captured, async () => {
        for (const e of examples) nlp.addDocument('zh', e.text, e.intent);
        await nlp.train();
      });
    },
    async process(text) {
      const r = await nlp.process('zh', text);
      return { intent: typeof r.intent === 'string' ? r.intent : 'None', score: typeof r.score === 'number' ? r.score : 0 };
    },
    addAnswer(intent, answer) {
      nlp.addAnswer('zh', intent, answer);
    },
    async reply(text) {
      const r = await nlp.process('zh', text);
      return {
        intent: typeof r.intent === 'string' ? r.intent : 'None',
        score: typeof r.score === 'number' ? r.score : 0,
        answer: typeof r.answer === 'string' ? r.answer : undefined,
      };
    },
    async explain(text) {
      return { tokens: tokenizer.tokenize(text), stems: await stemmer.stem(text) };
    },
  };
}
