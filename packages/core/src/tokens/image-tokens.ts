import { normalizeModelName } from '../cost/normalize-model-name';

export type ImageDetail = 'low' | 'high' | 'auto';

export interface ImageSize {
  width: number;
  height: number;
  /** Defaults to `auto`, which is counted as `high` (what OpenAI bills for images larger than a tile). */
  detail?: ImageDetail;
}

interface TileRule {
  kind: 'tile';
  base: number;
  tile: number;
}

interface PatchRule {
  kind: 'patch';
  multiplier: number;
}

/**
 * OpenAI's published image-input rules (https://platform.openai.com/docs/guides/images-vision, "Calculating
 * costs"), by model family; the first matching prefix wins. Models not listed use the gpt-4o tile constants.
 */
const RULES: readonly (readonly [RegExp, TileRule | PatchRule])[] = [
  [/^gpt-5-mini/, { kind: 'patch', multiplier: 1.62 }],
  [/^gpt-5-nano/, { kind: 'patch', multiplier: 2.46 }],
  [/^gpt-4\.1-mini/, { kind: 'patch', multiplier: 1.62 }],
  [/^gpt-4\.1-nano/, { kind: 'patch', multiplier: 2.46 }],
  [/^o4-mini/, { kind: 'patch', multiplier: 1.72 }],
  [/^gpt-5/, { kind: 'tile', base: 70, tile: 140 }],
  [/^gpt-4o-mini/, { kind: 'tile', base: 2833, tile: 5667 }],
  [/^(?:o1|o3)/, { kind: 'tile', base: 75, tile: 150 }],
  [/^computer-use/, { kind: 'tile', base: 65, tile: 129 }],
  [/^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4)/, { kind: 'tile', base: 85, tile: 170 }],
];

const DEFAULT_RULE: TileRule = { kind: 'tile', base: 85, tile: 170 };

const PATCH = 32;
const MAX_PATCHES = 1536;
// Scaled sizes are compared after floating-point arithmetic; 1056.0000000001 px is 33 patches, not 34.
const EPSILON = 1e-9;

function tileTokens(width: number, height: number, detail: ImageDetail, rule: TileRule): number {
  if (detail === 'low') return rule.base;
  let w = width;
  let h = height;
  // 1. fit within 2048 × 2048, keeping the aspect ratio
  const longest = Math.max(w, h);
  if (longest > 2048) {
    w = (w * 2048) / longest;
    h = (h * 2048) / longest;
  }
  // 2. scale down so that the shortest side is 768 px
  const shortest = Math.min(w, h);
  if (shortest > 768) {
    w = (w * 768) / shortest;
    h = (h * 768) / shortest;
  }
  // 3. count 512 px tiles
  const tiles = Math.ceil(w / 512 - EPSILON) * Math.ceil(h / 512 - EPSILON);
  return rule.base + rule.tile * tiles;
}

function patchTokens(width: number, height: number, rule: PatchRule): number {
  let patches = Math.ceil(width / PATCH - EPSILON) * Math.ceil(height / PATCH - EPSILON);
  if (patches > MAX_PATCHES) {
    // shrink to fit 1536 patches, then shrink again so that a whole number of patches spans the width or height
    let ratio = Math.sqrt((PATCH * PATCH * MAX_PATCHES) / (width * height));
    const across = (width * ratio) / PATCH;
    const down = (height * ratio) / PATCH;
    ratio *= Math.min(Math.floor(across) / across, Math.floor(down) / down);
    patches = Math.ceil((width * ratio) / PATCH - EPSILON) * Math.ceil((height * ratio) / PATCH - EPSILON);
    patches = Math.min(patches, MAX_PATCHES);
  }
  return Math.ceil(patches * rule.multiplier - EPSILON);
}

/**
 * Input tokens for one image, following OpenAI's published rules. Tile models (gpt-4o, gpt-4.1, gpt-5, o1, o3 …):
 * `low` costs the base tokens; `high`/`auto` scale the image to fit 2048 × 2048, then its shortest side to 768 px,
 * and add the per-tile tokens for each 512 px tile. Patch models (gpt-4.1-mini/nano, gpt-5-mini/nano, o4-mini):
 * 32 px patches, at most 1536, times the model's multiplier (rounded up); `detail` does not apply.
 * Examples (gpt-4o): 1024 × 1024 high = 765; 2048 × 4096 high = 1105; any size low = 85.
 */
export function imageTokens(image: ImageSize, model = 'gpt-4o'): number {
  const width = Math.max(1, Math.floor(image.width));
  const height = Math.max(1, Math.floor(image.height));
  if (!Number.isFinite(width) || !Number.isFinite(height)) {
    throw new RangeError(
      `imageTokens: width and height must be finite numbers (got ${image.width} × ${image.height})`,
    );
  }
  const name = normalizeModelName(model).model;
  const rule = RULES.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_RULE;
  if (rule.kind === 'patch') return patchTokens(width, height, rule);
  return tileTokens(width, height, image.detail ?? 'auto', rule);
}

/** The tokens of an image whose size is unknown: the model's low-detail base (a lower bound; 0 for patch models). */
export function unknownImageTokens(model = 'gpt-4o'): number {
  const name = normalizeModelName(model).model;
  const rule = RULES.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_RULE;
  return rule.kind === 'tile' ? rule.base : 0;
}
