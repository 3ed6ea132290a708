import type { ContentMessage } from '../span/span-record';
import type { Scanner } from './create-scanner';
import { applyRedactions, TRUNCATION_MARKER } from './redact-text';
import type { Finding } from './scan-result';

export interface ScannedMessages {
  /** Distinct categories found in the messages. */
  categories: Set<string>;
  injectionRules: Set<string>;
  /** Some text lay beyond the scan budget and was not scanned (and will not be captured). */
  truncated: boolean;
  /** The scanner failed on some message; its content must not be captured. */
  failed: boolean;
  /** Builds the capturable copy: every finding replaced (`redacted`) or only secrets (`raw`), cut at the budget. */
  capture(mode: 'redacted' | 'raw'): ContentMessage[];
}

interface MessageScan {
  role: string;
  name?: string;
  text: string;
  /** Characters scanned (and capturable) from `text`. */
  limit: number;
  findings: Finding[];
}

const isSecret = (finding: Finding) => finding.category === 'secret';

function contentOf(message: ContentMessage): string {
  const content = (message as { content?: unknown }).content;
  return typeof content === 'string'
    ? content
    : content === undefined || content === null
      ? ''
      : String(content);
}

/**
 * Scans a list of messages with a shared budget of `scanner.maxLength` characters: once it is spent, later text
 * is neither scanned nor captured. Message names are scanned too.
 */
export function scanMessages(messages: readonly ContentMessage[], scanner: Scanner): ScannedMessages {
  const categories = new Set<string>();
  const injectionRules = new Set<string>();
  let truncated = false;
  let failed = false;
  let budget = scanner.maxLength;
  const scans: MessageScan[] = [];
  for (const message of messages) {
    const text = contentOf(message);
    const limit = Math.min(text.length, budget);
    if (limit < text.length) truncated = true;
    budget -= limit;
    const scan = scanner.scan(limit < text.length ? text.slice(0, limit) : text);
    if (scan.failed) failed = true;
    for (const category of scan.categories) categories.add(category);
    for (const rule of scan.injectionRules) injectionRules.add(rule);
    const entry: MessageScan = { role: String(message.role), text, limit, findings: scan.findings };
    if (typeof message.name === 'string' && message.name) entry.name = message.name;
    scans.push(entry);
  }
  return {
    categories,
    injectionRules,
    truncated,
    failed,
    capture(mode) {
      const keep = mode === 'raw' ? isSecret : undefined;
      return scans.map((entry) => {
        let content = applyRedactions(entry.text, entry.findings, keep, entry.limit);
        if (entry.limit === 0 && entry.text.length > 0) content = TRUNCATION_MARKER;
        const out: ContentMessage = { role: entry.role, content };
        if (entry.name !== undefined) {
          const nameScan = scanner.scan(entry.name);
          if (!nameScan.failed)
            out.name = applyRedactions(entry.name, nameScan.findings, keep, nameScan.scannedLength);
        }
        return out;
      });
    },
  };
}
