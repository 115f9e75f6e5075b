import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { classifierFromModel, type Classifier } from './classifier.ts';
import { DEFAULT_DATA_DIR, loadIntentData } from './dataset.ts';
import { DEFAULT_TRAIN_OPTIONS, deserialize, LinearModelSchema, serialize } from './linear-model.ts';
import { CALIBRATION_FOLDS, trainCalibratedModel } from './training.ts';

/** Bump when features or training change, so cached models from older code are not reused. */
export const MODEL_VERSION = 6;

/** A fingerprint of the training data and the training code's settings. */
export function dataFingerprint(dataDir = DEFAULT_DATA_DIR): string {
  const hash = createHash('sha256').update(`v${MODEL_VERSION}:${JSON.stringify(DEFAULT_TRAIN_OPTIONS)}`);
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.yaml')).sort()) {
    hash.update(file).update(readFileSync(join(dataDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The temperature fitted on held-out folds of the shipped data (four trainings, too slow for a
 * first use), stored with the fingerprint of the data it was fitted on. Refit it with
 * `node --import tsx scripts/fit-nlu-calibration.ts` after changing the data; a test fails
 * until then, and a stale file is ignored (the temperature is then fitted on first use).
 */
export const CALIBRATION_FILE = new URL('./data/calibration.json', import.meta.url).pathname;

export const StoredCalibrationSchema = z.object({
  fingerprint: z.string(),
  temperature: z.number().positive(),
  folds: z.number().int().min(2),
});
export type StoredCalibration = z.infer<typeof StoredCalibrationSchema>;

/** The stored temperature, when it was fitted on exactly this data. */
export function storedTemperature(fingerprint: string, file = CALIBRATION_FILE): number | undefined {
  try {
    const stored = StoredCalibrationSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return stored.fingerprint === fingerprint && stored.folds === CALIBRATION_FOLDS ? stored.temperature : undefined;
  } catch {
    return undefined;
  }
}

let memo: Classifier | undefined;

/**
 * The classifier trained on all shipped data. Trained once per process; with a cache folder
 * the trained model is also kept on disk (keyed by the data's fingerprint), so the next
 * process starts without training. A corrupt cache file is ignored and rewritten.
 */
export function defaultClassifier(options: { cacheDir?: string } = {}): Classifier {
  if (memo) return memo;
  const fingerprint = dataFingerprint();
  const cacheFile = options.cacheDir ? join(options.cacheDir, `nlu-model-${fingerprint}.json`) : undefined;
  if (cacheFile) {
    try {
      memo = classifierFromModel(deserialize(LinearModelSchema.parse(JSON.parse(readFileSync(cacheFile, 'utf8')))));
      return memo;
    } catch {
      // No cache yet, or an unreadable one: train below.
    }
  }
  const model = trainCalibratedModel(loadIntentData(), {}, storedTemperature(fingerprint));
  if (cacheFile && options.cacheDir) {
    mkdirSync(options.cacheDir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(serialize(model)));
    renameSync(tmp, cacheFile);
  }
  memo = classifierFromModel(model);
  return memo;
}
