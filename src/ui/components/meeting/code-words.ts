import type { MeetingCodeError } from '../../../domain/meeting-code';
import { meetingError, tm } from '../../../i18n/meeting';

/**
 * What a code reader says, for one kind of code: a neighbour's meeting code (`meetingWords`) or
 * the café poster's (screens/cafe/MyCafe.tsx). `E` is the reasons a code read may change nothing.
 */
export interface CodeWords<E extends string> {
  /** Above the camera: what to aim at. */
  intro: string;
  /** The button that leaves the camera for the box to type the code in. */
  typeInstead: string;
  /** The box's id (unique on the page) and label, the hint under the label, the submit button. */
  fieldId: string;
  label: string;
  hint: string;
  submit: string;
  /** Said when the box is sent empty. */
  empty: string;
  /** A reason the code changed nothing, as a plain sentence. */
  refusal(reason: E): string;
}

/** The words of a neighbour's meeting code (issue 11). */
export const meetingWords = (): CodeWords<MeetingCodeError> => ({
  intro: tm('meeting.scan.intro'),
  typeInstead: tm('meeting.scan.type-instead'),
  fieldId: 'meeting-code',
  label: tm('meeting.typed.label'),
  hint: tm('meeting.typed.hint'),
  submit: tm('meeting.typed.submit'),
  empty: tm('meeting.typed.empty'),
  refusal: meetingError,
});
