import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { isolate } from '../../../src/ui/isolate';

/** The pieces `isolate` returns, each string as it is and each element as `<tag>text</tag>`. */
function pieces(message: string, user: Record<string, string>): string[] {
  const parts = isolate(message, user) as (string | VNode<{ children: string }>)[];
  return parts.map((part) =>
    typeof part === 'string' ? part : `<${String(part.type)}>${part.props.children}</${String(part.type)}>`,
  );
}

describe('user text inside a message', () => {
  it('sits in its own <bdi>, the words around it left as they are', () => {
    expect(pieces('Foyer : {name}', { name: 'عائلة أحمد' })).toEqual([
      'Foyer : ',
      '<bdi>عائلة أحمد</bdi>',
      '',
    ]);
    expect(pieces('{title} · {place}', { title: 'Café', place: '12 rue des Lilas' })).toEqual([
      '',
      '<bdi>Café</bdi>',
      ' · ',
      '<bdi>12 rue des Lilas</bdi>',
      '',
    ]);
  });

  it('shows a name with braces as it is, and leaves placeholders it was not given', () => {
    expect(pieces('Merci, {name} !', { name: '{place}' })).toEqual(['Merci, ', '<bdi>{place}</bdi>', ' !']);
    expect(pieces('Lieu : {place}', {})).toEqual(['Lieu : ', '{place}', '']);
  });
});
