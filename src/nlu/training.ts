import { fitTemperature, type HeldOutScores } from './calibration.ts';
import { stableHash, type LabelledExample } from './dataset.ts';
import { extractEntities } from './entities/index.ts';
import { featuresOf } from './features.ts';
import { activate, logitsOfRows, train, type LinearModel, type TrainOptions } from './linear-model.ts';
import { normalizeMessage } from './normalize.ts';

/** Features of a training example, read exactly as classify() reads a message. */
function sampleOf(e: LabelledExample): { features: number[]; label: string } {
  const message = normalizeMessage(e.text);
  return { features: [...featuresOf(message.text, extractEntities(message)).ids], label: e.intent };
}

/** Trains the intent model on labelled examples (uncalibrated: temperature 1). */
export function trainIntentModel(examples: readonly LabelledExample[], options: Partial<TrainOptions> = {}): LinearModel {
  return train(examples.map(sampleOf), options);
}

/** Seed of the calibration folds (apart from the dev split's seed, so folds cut across it). */
const FOLD_SEED = 90210;
export const CALIBRATION_FOLDS = 4;

/**
 * The softmax temperature that makes confidence match accuracy, fitted on held-out folds of
 * the examples: each fold is scored by a model trained on the other folds. Costs `folds`
 * trainings, so it runs when the training data change (scripts/fit-nlu-calibration.ts), not
 * on every first use.
 */
export function fitIntentTemperature(examples: readonly LabelledExample[], options: Partial<TrainOptions> = {}, folds = CALIBRATION_FOLDS): number {
  const samples = examples.map(sampleOf);
  const foldOf = examples.map((e) => stableHash(`${e.intent}\u0000${e.text}`, FOLD_SEED) % folds);
  const heldOut: HeldOutScores[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = train(
      samples.filter((_, i) => foldOf[i] !== fold),
      options,
    );
    samples.forEach((s, i) => {
      const gold = model.labels.indexOf(s.label);
      if (foldOf[i] !== fold || gold < 0) return;
      heldOut.push({ logits: logitsOfRows(model, activate(model, s.features).rows), gold });
    });
  }
  return fitTemperature(heldOut);
}

/** A model trained on all examples, at a temperature fitted on their folds (or given). */
export function trainCalibratedModel(examples: readonly LabelledExample[], options: Partial<TrainOptions> = {}, temperature?: number): LinearModel {
  const model = trainIntentModel(examples, options);
  model.temperature = temperature ?? fitIntentTemperature(examples, options);
  return model;
}
