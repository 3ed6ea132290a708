/** A user-defined scanner pattern, from config or a patterns file (JSON or YAML). */
export interface PatternDefinition {
  /** Unique name; also the placeholder for PII findings (`[NAME]`) unless `placeholder` is given. */
  name: string;
  /** A JavaScript regular expression source. */
  regex: string;
  type: 'PII' | 'INJECTION';
  /** Regular expression flags; `g` is always added. */
  flags?: string;
  placeholder?: string;
}
