import type { ScanResult } from '../scan-result';
import corpus from './labelled-corpus.json';

export interface CategoryScore {
  category: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface LabelledSample {
  text: string;
  categories: string[];
  /** `hard`: written after the detectors were tuned; reported, not held to the floors. */
  set?: string;
}

export const LABELLED_SAMPLES: LabelledSample[] = corpus.samples;

/** Precision and recall per category over the labelled corpus, judged per sample (category present or not). */
export function evaluateCorpus(
  scan: (text: string) => ScanResult,
  samples: readonly LabelledSample[] = LABELLED_SAMPLES.filter((sample) => sample.set !== 'hard'),
): CategoryScore[] {
  const scores = new Map<string, CategoryScore>();
  const score = (category: string) => {
    let entry = scores.get(category);
    if (!entry) {
      entry = { category, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 };
      scores.set(category, entry);
    }
    return entry;
  };
  for (const sample of samples) {
    const found = new Set(scan(sample.text).categories);
    for (const category of sample.categories) {
      if (found.has(category)) score(category).truePositives++;
      else score(category).falseNegatives++;
    }
    for (const category of found) if (!sample.categories.includes(category)) score(category).falsePositives++;
  }
  const all = [...scores.values()].sort((a, b) => a.category.localeCompare(b.category));
  const total: CategoryScore = {
    category: 'all',
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 1,
    recall: 1,
  };
  for (const entry of all) {
    total.truePositives += entry.truePositives;
    total.falsePositives += entry.falsePositives;
    total.falseNegatives += entry.falseNegatives;
  }
  for (const entry of [...all, total]) {
    const predicted = entry.truePositives + entry.falsePositives;
    const actual = entry.truePositives + entry.falseNegatives;
    entry.precision = predicted === 0 ? 1 : entry.truePositives / predicted;
    entry.recall = actual === 0 ? 1 : entry.truePositives / actual;
  }
  return [...all, total];
}
