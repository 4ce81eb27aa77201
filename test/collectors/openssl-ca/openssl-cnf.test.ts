import { describe, expect, it } from 'vitest';
import { type IncludeReader, parseOpenSslConf } from '../../../collectors/openssl-ca/openssl-cnf.js';

const noIncludes: IncludeReader = () => Promise.resolve({ refused: 'not found' });

async function values(text: string, section = 'default', reader: IncludeReader = noIncludes): Promise<Record<string, string>> {
  const conf = await parseOpenSslConf(text, 'test.cnf', reader);
  return Object.fromEntries([...(conf.sections.get(section) ?? new Map<string, { value: string }>())].map(([k, v]) => [k, v.value]));
}

describe('parseOpenSslConf', () => {
  it.each([
    ['dir = /ca\ndb = $dir/index.txt', { dir: '/ca', db: '/ca/index.txt' }],
    ['dir = /ca\ndb = ${dir}/index.txt', { dir: '/ca', db: '/ca/index.txt' }],
    ['dir = /ca\ndb = $(dir)/index.txt', { dir: '/ca', db: '/ca/index.txt' }],
    ['a = "quoted # not a comment"  # a comment', { a: 'quoted # not a comment' }],
    ["a = 'single $dir kept'", { a: 'single $dir kept' }],
    ['a = one\\\n  two', { a: 'one  two' }],
    ['a = tab\\there \\# hash', { a: 'tab\there # hash' }],
    ['price = 5$', { price: '5$' }],
  ])('%j', async (text, expected) => {
    expect(await values(text)).toEqual(expected);
  });

  it('expands $section::name and falls back to the default section, recording what it cannot resolve', async () => {
    const conf = await parseOpenSslConf('top = /t\n[paths]\nbase = /b\n[ca]\nx = $paths::base/$top\ny = $nope\nz = ${ENV::HOME}/x\n', 'test.cnf', noIncludes);
    expect(Object.fromEntries([...conf.sections.get('ca')!].map(([k, v]) => [k, v.value]))).toEqual({ x: '/b//t', y: '$nope', z: '${ENV::HOME}/x' });
    expect(conf.notes).toEqual([
      { file: 'test.cnf', line: 6, message: 'variable nope has no value' },
      { file: 'test.cnf', line: 7, message: '$ENV::HOME is read from the environment at run time; not expanded' },
    ]);
  });

  it('reads includes inline and records the ones it may not read', async () => {
    const reader: IncludeReader = (path) => Promise.resolve(path === 'ext.cnf' ? { files: [{ text: '[ext]\nbasicConstraints = CA:FALSE\n', name: 'ext.cnf' }] } : { refused: 'outside the configured root' });
    const conf = await parseOpenSslConf('.include ext.cnf\n.include = /etc/ssl/openssl.cnf\n[after]\nk = v\n', 'main.cnf', reader);
    expect([...conf.sections.keys()]).toEqual(['default', 'ext', 'after']);
    expect(conf.included).toEqual(['ext.cnf']);
    expect(conf.notes).toEqual([{ file: 'main.cnf', line: 2, message: '.include /etc/ssl/openssl.cnf not read: outside the configured root' }]);
  });

  it.each([
    ['[ unterminated\n', 'test.cnf: line 1: malformed section header'],
    ['a = "no end\n', 'test.cnf: line 1: unterminated quote'],
    ['just words\n', 'test.cnf: line 1: not "name = value", a [section] or a directive'],
  ])('refuses %j with file and line', async (text, message) => {
    await expect(parseOpenSslConf(text, 'test.cnf', noIncludes)).rejects.toThrow(message);
  });

  it('refuses a variable bomb and an include loop', async () => {
    const bomb = ['a = 0123456789012345678901234567890123456789', ...['b', 'c', 'd', 'e', 'f'].map((v, i) => `${v} = ${`$${'abcdef'[i]!}`.repeat(10)}`)].join('\n');
    await expect(parseOpenSslConf(bomb, 'bomb.cnf', noIncludes)).rejects.toThrow('bomb.cnf: line 5: a value expands to more than 65536 characters');
    const loop: IncludeReader = () => Promise.resolve({ files: [{ text: '.include self.cnf\n', name: 'self.cnf' }] });
    await expect(parseOpenSslConf('.include self.cnf\n', 'self.cnf', loop)).rejects.toThrow('self.cnf: line 1: .include nested deeper than 8 levels');
  });
});
