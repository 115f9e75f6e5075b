import { writeFileSync } from 'node:fs';
import { loadIntentData } from '../src/nlu/dataset.ts';
import { CALIBRATION_FILE, dataFingerprint, type StoredCalibration } from '../src/nlu/default-classifier.ts';
import { CALIBRATION_FOLDS, fitIntentTemperature } from '../src/nlu/training.ts';

/**
 * Fits the softmax temperature of the shipped intent model on held-out folds of its training
 * data and stores it with the data's fingerprint (src/nlu/data/calibration.json). Run after
 * changing src/nlu/data/intents: `node --import tsx scripts/fit-nlu-calibration.ts`.
 */
const started = performance.now();
const calibration: StoredCalibration = {
  fingerprint: dataFingerprint(),
  temperature: fitIntentTemperature(loadIntentData()),
  folds: CALIBRATION_FOLDS,
};
writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration, null, 2)}\n`);
console.log(`temperature ${calibration.temperature.toFixed(4)} (${CALIBRATION_FOLDS} folds, ${((performance.now() - started) / 1000).toFixed(1)} s) → ${CALIBRATION_FILE}`);
