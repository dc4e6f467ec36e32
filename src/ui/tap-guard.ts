/**
 * One action per intended tap, on every screen. A tap belongs to the screen that was showing when
 * the finger went down: once the screen changed (another address, or the next idea of a scan), a
 * tap that started before the change, or that lands while the change settles, does nothing. An
 * older hand's second tap of a double tap, or a tap aimed at the previous idea, must never answer
 * an idea nobody read nor press whatever button now sits under the finger.
 *
 * How: each change of screen bumps a generation and, for SETTLE_MS, lays a transparent shield over
 * the whole page that swallows pointer input. A click whose pointerdown happened in an earlier
 * generation is cancelled before any handler or link sees it. Keyboard activation (Enter, Space)
 * is never filtered: it has no pointerdown, and focus moves to the new screen's title anyway.
 */

/** How long after a change of screen pointer input is ignored. A double tap of an older hand
 * lands up to about 500 ms after the first; nobody reads a new idea faster than that. */
export const SETTLE_MS = 500;

let generation = 0;
/** Generation of the screen on which the current pointer went down, undefined with no pointer down. */
let downIn: number | undefined;
let shield: HTMLElement | undefined;
let lift: ReturnType<typeof setTimeout> | undefined;
let installed = false;

/**
 * Installs the capture-phase listeners once; called by `screenChanged`, so that nothing else
 * needs wiring. Capture on `window` runs before any handler of the app.
 */
function install(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('pointerdown', () => (downIn = generation), { capture: true });
  window.addEventListener(
    'click',
    (event) => {
      const startedIn = downIn;
      downIn = undefined;
      if (secondTapOnABox(event)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      // detail 0: a click made with the keyboard or by a script, not with a finger.
      if (event.detail === 0 || startedIn === undefined || startedIn === generation) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    { capture: true },
  );
}

/**
 * Whether `event` is the second click of a double tap (UI Events `detail`: the click count) on a
 * checkbox, or on the label of one. A box changes nothing else on screen, so the screen guard does
 * not hold it; but a double tap on it ticks and unticks at once, leaving unticked a neighbour who
 * came, or a consent given. Cancelling the click keeps the box as the first tap left it (HTML: a
 * cancelled click on a checkbox restores its checkedness); a later single tap still unticks.
 */
function secondTapOnABox(event: MouseEvent): boolean {
  if (event.detail < 2 || !(event.target instanceof Element)) return false;
  const label = event.target.closest('label');
  const box = label ? label.control : event.target;
  return box instanceof HTMLInputElement && box.type === 'checkbox';
}

/**
 * Says that what the screen shows has changed (a new address, the next idea): taps begun before
 * now, and taps in the next SETTLE_MS, are dropped.
 */
export function screenChanged(): void {
  if (typeof window === 'undefined') return;
  install();
  generation += 1;
  if (!shield) {
    shield = document.createElement('div');
    shield.className = 'tap-shield';
    shield.setAttribute('aria-hidden', 'true');
    // Inline so that it holds whatever the style sheet says: above everything, invisible.
    Object.assign(shield.style, { position: 'fixed', inset: '0', zIndex: '2147483647' });
  }
  document.body.append(shield);
  clearTimeout(lift);
  lift = setTimeout(() => shield?.remove(), SETTLE_MS);
}
