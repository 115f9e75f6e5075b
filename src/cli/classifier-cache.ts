import { join } from 'node:path';
import { defaultClassifier } from '../nlu/default-classifier.ts';
import type { Classifier } from '../nlu/classifier.ts';
import type { CliIo } from './io.ts';

/** The shipped classifier, with its trained model cached under the data folder (./data by default). */
export function cliClassifier(io: CliIo): Classifier {
  const dataDir = io.env?.KEFU_DATA_DIR ?? 'data';
  return defaultClassifier({ cacheDir: join(dataDir, 'cache') });
}
