/**
 * What a household's rights screens are given (workspace/rights-services.ts), over a real
 * workspace on fake-indexeddb: its own data, live, with the words its ids stand for; the
 * households with no news for the retention time, live and by the limit chosen, which the device
 * keeps; and, on a device with no credential, each server call refused without reaching for the
 * network.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { householdExport, householdExportSchema, recordSourceOf } from '../../../src/domain/erasure';
import { exportFile, exportFileName, rightsServices } from '../../../src/workspace/rights-services';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { must } from '../../fixtures/workspace';
import { collect, twoFounders } from './two-founders';

beforeEach(() => {
  freshIndexedDb();
});

const IDEA = catalogue.ideas.find((idea) => idea.kind === 'exchange')!;

async function setUp() {
  const { device, env, workspace, fatima, jean } = await twoFounders();
  const services = rightsServices({
    perimeterId: workspace.id,
    device,
    // Nothing listens there: a call that reached for the network would answer 'unreachable'.
    http: 'http://127.0.0.1:9',
    now: env.now,
    workspace: async () => workspace,
  });
  return { workspace, services, fatima, jean };
}

describe('the rights screens’ services', () => {
  it('a household’s own data follows the document, with its ideas’ titles; an unknown one is undefined', async () => {
    const { workspace, services, fatima } = await setUp();
    const own = collect(services.queries.ownData(fatima));
    await vi.waitFor(() => expect(own.values.at(-1)?.data.householdId).toBe(fatima));
    expect(own.values.at(-1)?.data.answers).toEqual([]);
    must(await workspace.answer(fatima, IDEA.id, 'offer', undefined));
    await vi.waitFor(() => expect(own.values.at(-1)?.data.answers.map((a) => a.ideaId)).toEqual([IDEA.id]));
    expect(own.values.at(-1)?.ideas[IDEA.id]).toBe(IDEA.title);
    expect(own.values.at(-1)?.data.contact).toBeNull();
    own.stop();
    const unknown = collect(services.queries.ownData('nobody-here'));
    await vi.waitFor(() => expect(unknown.values).toEqual([undefined]));
    unknown.stop();
  });

  it('lists the households with no news for the chosen months, oldest first, and follows new answers', async () => {
    const { workspace, services, fatima, jean } = await setUp();
    const later = () => new Date('2029-01-01T00:00:00.000Z');
    const dormant = collect(services.queries.dormant(24, later));
    // Founders sign up together: same date, so ordered by id.
    expect(fatima < jean).toBe(true);
    await vi.waitFor(() =>
      expect(
        dormant.values
          .at(-1)
          ?.map((h) => h.householdId)
          .sort(),
      ).toEqual([fatima, jean].sort()),
    );
    await vi.waitFor(() => expect(dormant.values.at(-1)?.map((h) => h.householdId)).toEqual([fatima, jean]));
    must(await workspace.answer(fatima, IDEA.id, 'offer', undefined));
    // Fatima's answer is her latest news: she is now the more recent of the two.
    await vi.waitFor(() => expect(dormant.values.at(-1)?.map((h) => h.householdId)).toEqual([jean, fatima]));
    const [first, second] = dormant.values.at(-1)!;
    expect(second!.lastActivity > first!.lastActivity).toBe(true);
    dormant.stop();
    const longer = collect(services.queries.dormant(48, later));
    await vi.waitFor(() => expect(longer.values).toEqual([[]]));
    longer.stop();
  });

  it('keeps the retention time on the device: 24 months until changed, a wrong one refused', async () => {
    const { services } = await setUp();
    const months = collect(services.queries.retentionMonths());
    await vi.waitFor(() => expect(months.values.at(-1)).toBe(24));
    await services.commands.setRetentionMonths(6);
    await vi.waitFor(() => expect(months.values.at(-1)).toBe(6));
    await expect(services.commands.setRetentionMonths(0)).rejects.toThrow(RangeError);
    await expect(services.commands.setRetentionMonths(2.5)).rejects.toThrow(RangeError);
    months.stop();
  });

  it('a device with no credential is refused without a call', async () => {
    const { services, fatima } = await setUp();
    await expect(services.commands.fetchOwnData(fatima)).resolves.toEqual({ ok: false, reason: 'refused' });
    await expect(services.commands.eraseHousehold(fatima)).resolves.toEqual({ ok: false, reason: 'refused' });
    await expect(services.commands.eraseHouseholds([fatima])).resolves.toEqual({
      ok: false,
      reason: 'refused',
    });
  });

  it('the data file names ideas, and only the neighbours the household itself sees, and reads back', () => {
    const at = '2026-11-30T10:00:00.000Z';
    const base = householdExport(recordSourceOf({}), 'perim-01', 'zoe-0001', at);
    const choice = (value: 'yes' | 'not-now' | 'withdrawn' | 'met') =>
      ({ ideaId: 'perceuse', value, at, by: 'household' }) as const;
    const view = {
      data: {
        ...base,
        choices: [{ otherId: 'bruno-01', ...choice('not-now') }],
        choicesAboutIt: [
          { ownerId: 'chloe-01', ...choice('yes') },
          { ownerId: 'bruno-01', ...choice('withdrawn') },
          { ownerId: 'emma-001', ...choice('withdrawn') },
        ],
      },
      ideas: { perceuse: 'Prêter une perceuse' },
      names: { 'bruno-01': 'Bruno', 'chloe-01': 'Chloé', 'dario-01': 'Dario', 'emma-001': 'Emma' },
      cafes: {},
      projects: {},
    };
    const file = exportFile(view);
    expect(file.ideaTitles).toEqual({ perceuse: 'Prêter une perceuse' });
    // Bruno: she chose about him; Chloé asked to meet her; Emma withdrew (a household sees its
    // withdrawn links); Dario, whom she never chose about and who never chose about her, is not
    // named.
    expect(file.names).toEqual({ 'bruno-01': 'Bruno', 'chloe-01': 'Chloé', 'emma-001': 'Emma' });
    expect(file.choicesAboutIt).toHaveLength(3);
    expect(file.contactFrom).toBeNull();
    expect(householdExportSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
    // Without network, a tablet's own copy of the details, said to be that copy.
    const kept = exportFile(view, { phone: '06 11', updatedAt: at });
    expect(kept).toMatchObject({ contact: { phone: '06 11', updatedAt: at }, contactFrom: 'device' });
    expect(exportFileName('Zoé  Quetzalcóatl / 3e', at)).toBe(
      'tissage-informations-zoe-quetzalcoatl-3e-2026-11-30.json',
    );
    expect(exportFileName('محمد', at)).toBe('tissage-informations-foyer-2026-11-30.json');
  });
});
