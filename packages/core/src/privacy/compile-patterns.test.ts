import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaplineConfigError } from '../config/config-error';
import { compilePatterns, unsafeRegexReason } from './compile-patterns';
import { createScanner } from './create-scanner';
import { loadPatterns, parsePatterns } from './load-patterns';
import { redactText } from './redact-text';

const dir = mkdtempSync(join(tmpdir(), 'tapline-patterns-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('user patterns', () => {
  it('loads JSON and YAML files, as a list or under `patterns`', () => {
    const json = file('p.json', JSON.stringify([{ name: 'employee-id', regex: 'EMP-\\d{6}', type: 'PII' }]));
    const yaml = file(
      'p.yaml',
      'patterns:\n  - name: employee-id\n    regex: EMP-\\d{6}\n    type: PII\n  - name: override\n    regex: sudo mode\n    type: INJECTION\n    flags: i\n',
    );
    expect(loadPatterns(json)).toEqual([{ name: 'employee-id', regex: 'EMP-\\d{6}', type: 'PII' }]);
    expect(loadPatterns(yaml)).toHaveLength(2);
    expect(parsePatterns('[]', 'json')).toEqual([]);
    expect(parsePatterns('', 'yaml')).toEqual([]);
  });

  it('uses PII patterns as findings with a placeholder, INJECTION patterns as flags', () => {
    const patterns = compilePatterns([
      { name: 'employee-id', regex: 'EMP-\\d{6}', type: 'PII' },
      { name: 'ticket', regex: 'TKT\\d+', type: 'PII', placeholder: '<ticket>' },
      { name: 'sudo', regex: 'sudo mode', type: 'INJECTION', flags: 'i' },
    ]);
    const scanner = createScanner({ patterns });
    const result = scanner.scan('EMP-123456 asked about TKT42; enable SUDO MODE');
    expect(result.categories).toEqual(['employee-id', 'ticket']);
    expect(result.injectionRules).toEqual(['sudo']);
    expect(redactText('EMP-123456 asked about TKT42', { scanner }).text).toBe(
      '[EMPLOYEE_ID] asked about <ticket>',
    );
  });

  it('rejects a duplicate name, naming it', () => {
    const definitions = [
      { name: 'dup', regex: 'a', type: 'PII' },
      { name: 'dup', regex: 'b', type: 'PII' },
    ];
    expect(() => compilePatterns(definitions)).toThrow(TaplineConfigError);
    expect(() => compilePatterns(definitions)).toThrow(/"dup"/);
    expect(() => compilePatterns([{ name: 'email', regex: 'x', type: 'PII' }])).toThrow(/built-in/);
    expect(() => compilePatterns([{ name: 'x1', regex: 'x', type: 'PII' }], 'patternsFile', ['x1'])).toThrow(
      /"x1"/,
    );
  });

  it('rejects an invalid regex, naming the pattern', () => {
    expect(() => compilePatterns([{ name: 'broken', regex: '([a-z', type: 'PII' }])).toThrow(
      /patterns\["broken"\]\.regex.*valid regular expression.*broken/,
    );
  });

  it('rejects an unknown type, naming the pattern', () => {
    expect(() => compilePatterns([{ name: 'weird', regex: 'x', type: 'SECRET' }])).toThrow(
      /patterns\["weird"\]\.type.*"PII" or "INJECTION"/,
    );
  });

  it('rejects catastrophic-backtracking shapes, empty matches and bad flags', () => {
    expect(() => compilePatterns([{ name: 'nested', regex: '(a+)+b', type: 'PII' }])).toThrow(/nested/);
    expect(() => compilePatterns([{ name: 'backref', regex: '(a)\\1', type: 'PII' }])).toThrow(
      /backreference/,
    );
    expect(() => compilePatterns([{ name: 'empty', regex: 'a*', type: 'PII' }])).toThrow(/empty/);
    expect(() => compilePatterns([{ name: 'sticky', regex: 'a', type: 'PII', flags: 'y' }])).toThrow(/flags/);
    expect(() => compilePatterns([{ regex: 'a', type: 'PII' }])).toThrow(/name/);
  });

  it('accepts ordinary patterns as safe', () => {
    for (const source of [
      'EMP-\\d{6}',
      '[A-Z]{2}\\d+',
      '(?:foo|bar)-\\d+',
      '(ab)?c+',
      '\\bcase-\\d{1,8}\\b',
      '[(+)*]+',
    ]) {
      expect(unsafeRegexReason(source)).toBeUndefined();
    }
    for (const source of ['(a+)+', '(\\w*x?)*', '(?:a|b+){2,}', '(a*)*']) {
      expect(unsafeRegexReason(source)).toBeDefined();
    }
  });

  it('reports unreadable files and malformed documents clearly', () => {
    expect(() => loadPatterns(join(dir, 'missing.yaml'))).toThrow(/patternsFile.*readable/);
    expect(() => loadPatterns(file('bad.json', '{ nope'))).toThrow(/valid JSON/);
    expect(() => parsePatterns('name: x', 'yaml')).toThrow(/list of patterns/);
  });
});
