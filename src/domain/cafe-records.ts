/**
 * What the Café-Rencontre's commands and queries read (issue 12): the six maps of records.ts
 * CAFE_MAPS, as the document in memory holds them. A `Y.Map` of the shared document fits
 * `RecordMap` as it is, so a device passes its maps without copying them; tests pass plain Maps.
 */
import type { Attendance, Cafe, Membership, Project, Proposal, ProposalDecision } from './schemas';

/** The part of a map of records the café code reads: one record by key, and every entry. */
export interface RecordMap<T> {
  get(key: string): T | undefined;
  entries(): IterableIterator<[string, T]>;
}

/** The Café-Rencontre's maps, by name (records.ts CAFE_MAPS, where each key is described). */
export interface CafeRecords {
  cafes: RecordMap<Cafe>;
  attendance: RecordMap<Attendance>;
  proposals: RecordMap<Proposal>;
  proposalDecisions: RecordMap<ProposalDecision>;
  projects: RecordMap<Project>;
  memberships: RecordMap<Membership>;
}
