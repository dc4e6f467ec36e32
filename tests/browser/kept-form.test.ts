/**
 * useKeptForm on Chromium's IndexedDB: what is typed is kept on the device once typing pauses, comes
 * back when the form opens again, and is gone once the form is sent or thrown away.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../src/storage/device-db';
import { keptFormKey, keptFormStore } from '../../src/storage/kept-forms';
import { KeptFormNote } from '../../src/ui/components/KeptFormNote';
import { type KeptFormState, useKeptForm } from '../../src/ui/hooks/useKeptForm';

const BLANK = { title: '', start: '15:00', ideaIds: [] as string[] };
type Fields = typeof BLANK;

/** A form on `open(form)`, whose state the test reads and drives through `handle`. */
function mount(open: ReturnType<typeof keptFormStore>, form: string) {
  const handle: { current?: KeptFormState<Fields> } = {};
  function Form() {
    const kept = useKeptForm(open, form, BLANK);
    handle.current = kept;
    return h('form', null, h(KeptFormNote, { kept }), h('output', null, JSON.stringify(kept.fields)));
  }
  const root = document.createElement('div');
  document.body.append(root);
  render(h(Form, null), root);
  const state = () => {
    if (!handle.current) throw new Error('not rendered');
    return handle.current;
  };
  return { root, state, close: () => (render(null, root), root.remove()) };
}

describe('a form kept on the device while it is typed (Chromium IndexedDB)', () => {
  it('keeps what is typed, and gives it back with a note when the form opens again', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const forms = keptFormStore(device, 'p001');
    const first = mount(forms, 'cafe-plan');
    first.state().set('title', 'Café des Tilleuls');
    first.state().set('ideaIds', ['loc-1']);
    await expect
      .poll(() => forms('cafe-plan').read())
      .toEqual({ title: 'Café des Tilleuls', start: '15:00', ideaIds: ['loc-1'] });
    expect(first.root.textContent).not.toContain('est revenu');
    first.close();

    const again = mount(forms, 'cafe-plan');
    await expect.poll(() => again.state().fields.title).toBe('Café des Tilleuls');
    expect(again.state().fields.ideaIds).toEqual(['loc-1']);
    expect(again.state().restored).toBe(true);
    expect(again.root.textContent).toContain('Ce que vous aviez écrit est revenu.');
    // Another household's form, or the same form of another perimeter, opens empty.
    const other = mount(forms, 'proposal/hh02');
    const elsewhere = mount(keptFormStore(device, 'p002'), 'cafe-plan');
    await expect.poll(() => forms('cafe-plan').read()).toBeDefined();
    expect(other.state().fields).toEqual(BLANK);
    expect(elsewhere.state().fields).toEqual(BLANK);
    again.close();
    other.close();
    elsewhere.close();
    await device.delete();
  });

  it('gives one household’s proposal back to that household only, on a shared tablet', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const forms = keptFormStore(device, 'p001');
    const anna = mount(forms, 'proposal/hh01');
    anna.state().set('title', 'Un potager partagé');
    await expect.poll(() => forms('proposal/hh01').read()).toMatchObject({ title: 'Un potager partagé' });
    anna.close();

    const bruno = mount(forms, 'proposal/hh02');
    const annaAgain = mount(forms, 'proposal/hh01');
    await expect.poll(() => annaAgain.state().fields.title).toBe('Un potager partagé');
    expect(bruno.state().fields).toEqual(BLANK);
    expect(bruno.state().restored).toBe(false);
    expect(bruno.root.textContent).not.toContain('potager');
    bruno.close();
    annaAgain.close();
    await device.delete();
  });

  it('starts another household’s form blank when the same screen moves on to it', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const forms = keptFormStore(device, 'p001');
    const seen: { current?: KeptFormState<Fields> } = {};
    function Page({ form }: { form: string }) {
      seen.current = useKeptForm(forms, form, BLANK);
      return h('output', null, seen.current.fields.title);
    }
    const root = document.createElement('div');
    document.body.append(root);
    render(h(Page, { form: 'proposal/hh01' }), root);
    await expect.poll(() => seen.current).toBeDefined();
    seen.current?.set('title', 'Un potager partagé');
    await expect.poll(() => forms('proposal/hh01').read()).toMatchObject({ title: 'Un potager partagé' });

    render(h(Page, { form: 'proposal/hh02' }), root);
    await expect.poll(() => seen.current?.fields.title).toBe('');
    expect(root.textContent).not.toContain('potager');
    render(h(Page, { form: 'proposal/hh01' }), root);
    await expect.poll(() => seen.current?.fields.title).toBe('Un potager partagé');
    render(null, root);
    root.remove();
    await device.delete();
  });

  it('keeps a change typed just before the form closes', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const forms = keptFormStore(device, 'p001');
    const form = mount(forms, 'local-idea');
    form.state().set('title', 'Troc de graines');
    form.close();
    await expect.poll(() => forms('local-idea').read()).toMatchObject({ title: 'Troc de graines' });
    await device.delete();
  });

  it('forgets the copy once the form is sent, thrown away, or typed back to empty', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const forms = keptFormStore(device, 'p001');
    const form = mount(forms, 'cafe-plan');
    form.state().set('title', 'Café');
    await expect.poll(() => forms('cafe-plan').read()).toMatchObject({ title: 'Café' });
    await form.state().clear();
    expect(await forms('cafe-plan').read()).toBeUndefined();
    expect(form.state().fields).toEqual(BLANK);

    form.state().set('title', 'Autre');
    await expect.poll(() => forms('cafe-plan').read()).toMatchObject({ title: 'Autre' });
    form.state().set('title', '');
    await expect.poll(() => forms('cafe-plan').read()).toBeUndefined();
    form.close();

    // « Tout effacer » on a form that came back.
    await forms('cafe-plan').keep({ title: 'Repris' });
    const again = mount(forms, 'cafe-plan');
    await expect.poll(() => again.root.querySelector('button')?.textContent).toBe('Tout effacer');
    again.root.querySelector('button')?.click();
    await expect.poll(() => forms('cafe-plan').read()).toBeUndefined();
    await expect.poll(() => again.state().fields).toEqual(BLANK);
    expect(again.root.textContent).not.toContain('est revenu');
    again.close();
    await device.delete();
  });

  it('keeps the initial value of a field the stored copy lacks or holds with another shape', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const forms = keptFormStore(device, 'p001');
    await device.settings.put({
      key: keptFormKey('p001', 'cafe-plan'),
      value: JSON.stringify({ title: ['not', 'text'], ideaIds: ['loc-2'], gone: 'x' }),
    });
    const form = mount(forms, 'cafe-plan');
    await expect.poll(() => form.state().restored).toBe(true);
    expect(form.state().fields).toEqual({ title: '', start: '15:00', ideaIds: ['loc-2'] });
    form.close();
    await device.delete();
  });
});
