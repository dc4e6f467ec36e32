import { describe, expect, it } from 'vitest';
import {
  CONTACT_SHARES,
  contactSharingChangeSchema,
  effectiveShare,
  sharedPart,
} from '../../../src/domain/contact-sharing';

const contact = { phone: '0611111111', email: 'amina@example.org', flat: '3B' };

describe('what a household shares with linked neighbours', () => {
  it('shares both by default once it consented, nothing without consent whatever it chose', () => {
    expect(effectiveShare(undefined, true)).toBe('both');
    expect(effectiveShare('phone', true)).toBe('phone');
    for (const chosen of [undefined, ...CONTACT_SHARES]) expect(effectiveShare(chosen, false)).toBe('none');
  });

  it('lets through only the fields chosen, never the flat, and no empty field', () => {
    expect(sharedPart(contact, 'both')).toEqual({ phone: '0611111111', email: 'amina@example.org' });
    expect(sharedPart(contact, 'phone')).toEqual({ phone: '0611111111' });
    expect(sharedPart(contact, 'email')).toEqual({ email: 'amina@example.org' });
    expect(sharedPart(contact, 'none')).toEqual({});
    expect(sharedPart({ phone: '', email: 'a@example.org' }, 'both')).toEqual({ email: 'a@example.org' });
    expect(sharedPart(undefined, 'both')).toEqual({});
  });

  it('accepts a change of choice and of own details, refuses anything else', () => {
    expect(contactSharingChangeSchema.safeParse({ share: 'email', phone: '', email: '' }).success).toBe(true);
    expect(contactSharingChangeSchema.safeParse({ share: 'all' }).success).toBe(false);
    expect(contactSharingChangeSchema.safeParse({ phone: 'call me' }).success).toBe(false);
    expect(contactSharingChangeSchema.safeParse({ email: 'nope' }).success).toBe(false);
  });
});
