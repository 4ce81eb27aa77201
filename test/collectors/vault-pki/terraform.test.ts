import { describe, expect, it } from 'vitest';
import { splitHclBlocks } from '../../../collectors/vault-pki/terraform.js';

describe('splitHclBlocks', () => {
  it('finds top-level blocks with their lines, ignoring braces in strings, templates, heredocs and comments', () => {
    const text = [
      '# a comment with { braces',
      'locals { x = "}" }',
      '',
      'resource "vault_mount" "pki" {',
      '  path = "pki-${var.env == "prod" ? "p" : "{"}"',
      '  description = <<-EOT',
      '    } not the end {',
      '    EOT',
      '  /* } */ type = "pki" // }',
      '}',
      'top_level_attribute = { a = [1, 2] }',
      'data "x" "y" {}',
    ].join('\n');
    const blocks = splitHclBlocks(text);
    expect(blocks.map((b) => [b.line, b.type, b.labels])).toEqual([
      [2, 'locals', []],
      [4, 'resource', ['vault_mount', 'pki']],
      [12, 'data', ['x', 'y']],
    ]);
    expect(blocks[1]!.text.endsWith('}')).toBe(true);
  });

  it.each([
    ['resource "a" "b" {\n  x = "open\n}\n', 'line 2: unterminated string'],
    ['resource "a" "b" {\n  x = <<EOT\n  never closed\n', 'line 2: unterminated heredoc <<EOT'],
    ['/* never closed\nresource "a" "b" {}\n', 'line 1: unterminated /* comment'],
    ['\n\nresource "a" "b" {\n  y = {\n}\n', 'line 3: block resource "a" "b" is not closed (missing "}")'],
  ])('reports the line of broken structure: %j', (text, message) => {
    expect(() => splitHclBlocks(text)).toThrow(message);
  });
});
