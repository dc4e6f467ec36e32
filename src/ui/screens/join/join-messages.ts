import { td } from '../../../i18n/devices';
import type { JoinResult } from '../../services';

export type JoinFailure = Extract<JoinResult, { ok: false }>['reason'];
export type JoinKind = 'household' | 'facilitator';

/** Why joining failed, and what to do about it, in a sentence or two. */
export function joinFailureText(reason: JoinFailure, kind: JoinKind): string {
  switch (reason) {
    case 'offline':
      return td('join.failed.offline');
    case 'unknown-credential':
      return td('join.failed.unknown-credential');
    case 'invalid-code':
      return kind === 'facilitator'
        ? `${td('join.failed.invalid-code')} ${td('join.failed.invalid-invitation')}`
        : td('join.failed.invalid-code');
    case 'perimeter-in-use':
      return td('join.failed.perimeter-in-use');
    case 'server-error':
      return td('join.failed.server-error');
  }
}

/** Failures that may pass by themselves: worth a "Réessayer". */
export const worthRetrying = (reason: JoinFailure): boolean =>
  reason === 'offline' || reason === 'server-error' || reason === 'unknown-credential';

/** A facilitator's invitation link pasted where a code is expected: its code, else undefined. */
export function invitationCode(text: string): string | undefined {
  return /#\/join\/([^/\s]+)/.exec(text)?.[1];
}
