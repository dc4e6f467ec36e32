/**
 * Recovery after a refusal (sync/recover.ts ownChangesToReplay) with the Café-Rencontre's records:
 * a device's later version of a café or a micro-project (which say when they changed in
 * `updatedAt`) is replayed over the server's older one, as an answer's later `at` is; what the
 * device may not write is dropped.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Actor,
  type Attendance,
  type Cafe,
  type Project,
  attendanceKey,
  projectKey,
} from '../../../src/domain';
import { ownChangesToReplay } from '../../../src/sync/recover';
import { PerimeterDoc } from '../../../src/sync/perimeter-doc';
import { catalogue } from '../../fixtures/memory-perimeter';

const before = '2026-11-21T14:00:00.000Z';
const after = '2026-11-21T15:00:00.000Z';
const cafe: Cafe = {
  id: 'cafe0001',
  date: '2026-12-05',
  start: '14:00',
  end: '16:30',
  place: '12 rue des Lilas',
  theme: 'jardin',
  localTheme: null,
  ideaIds: [],
  welcome: '',
  state: 'planned',
  createdAt: before,
  updatedAt: before,
};
const project: Project = {
  name: 'Bac potager',
  ideaId: null,
  nextStep: 'Choisir le bac',
  nextStepDate: null,
  createdAt: before,
  updatedAt: before,
};

const docs = () =>
  [new PerimeterDoc(new Y.Doc(), catalogue), new PerimeterDoc(new Y.Doc(), catalogue)] as const;

describe('recovery with café records', () => {
  it("replays a facilitator's later café over the server's older one, not an older one", () => {
    const facilitator: Actor = { kind: 'facilitator' };
    const [device, server] = docs();
    server.map('cafes').set(cafe.id, cafe);
    device.map('cafes').set(cafe.id, { ...cafe, state: 'held', updatedAt: after });
    expect(ownChangesToReplay(device, server, facilitator).changes).toEqual([
      { map: 'cafes', key: cafe.id, value: { ...cafe, state: 'held', updatedAt: after } },
    ]);
    server.map('cafes').set(cafe.id, { ...cafe, state: 'cancelled', updatedAt: after.replace('15', '16') });
    expect(ownChangesToReplay(device, server, facilitator).changes).toEqual([]);
  });

  it("replays a household's later project and its own presence; drops a café it may not write", () => {
    const fatima: Actor = { kind: 'household', householdId: 'fatima01' };
    const [device, server] = docs();
    const key = projectKey('fatima01', 'proj0001');
    server.map('projects').set(key, project);
    device.map('projects').set(key, { ...project, nextStep: 'Acheter la terre', updatedAt: after });
    const here: Attendance = { present: true, how: 'scanned', by: 'household', at: after };
    device.map('attendance').set(attendanceKey(cafe.id, 'fatima01'), here);
    device.map('cafes').set(cafe.id, cafe);
    const recovered = ownChangesToReplay(device, server, fatima);
    expect(recovered.changes).toEqual([
      { map: 'attendance', key: attendanceKey(cafe.id, 'fatima01'), value: here },
      { map: 'projects', key, value: { ...project, nextStep: 'Acheter la terre', updatedAt: after } },
    ]);
    expect(recovered.dropped).toEqual([{ map: 'cafes', key: cafe.id }]);
  });
});
