// Neighbour groups made and edited by hand on the groups page: each change is one transaction.
// Groups a file imported carry that import's batch; a group made or changed here carries batch 0
// (no import), so undoing an import never silently takes a hand-made change with it unless that
// import wrote the group.
import { STATISTICAL_NEIGHBOURS, isStatisticalNeighbourGroup, knownAuthorities } from '../domain/benchmark';
import type { BenchmarkSet, NeighbourGroup } from '../domain/types';
import { getDb } from './schema';

export const HAND_MADE_BATCH = 0;

export class GroupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GroupError';
  }
}

const clean = (name: string) => name.trim().replace(/\s+/g, ' ');

function checkName(name: string): string {
  const n = clean(name);
  if (!n) throw new GroupError('A group needs a name.');
  if (n.length > 80) throw new GroupError(`A group's name can be at most 80 characters; "${n.slice(0, 20)}…" has ${n.length}.`);
  return n;
}

export async function readNeighbourGroups(): Promise<NeighbourGroup[]> {
  const groups = (await getDb().neighbourGroups.toArray()) as NeighbourGroup[];
  return groups.sort((a, b) => Number(isStatisticalNeighbourGroup(b)) - Number(isStatisticalNeighbourGroup(a)) || a.name.localeCompare(b.name));
}

/** Every local authority any stored national file names, for picking members. */
export async function readBenchmarkAuthorities(): Promise<ReturnType<typeof knownAuthorities>> {
  return knownAuthorities((await getDb().benchmarks.toArray()) as BenchmarkSet[]);
}

export async function createGroup(name: string, members: readonly string[] = []): Promise<NeighbourGroup> {
  const db = getDb();
  const n = checkName(name);
  return db.transaction('rw', db.neighbourGroups, async () => {
    const all = (await db.neighbourGroups.toArray()) as NeighbourGroup[];
    if (all.some((g) => g.name.toLowerCase() === n.toLowerCase())) throw new GroupError(`There is already a group called "${n}".`);
    const group: NeighbourGroup = { name: n, members: [...new Set(members)], batchId: HAND_MADE_BATCH };
    await db.neighbourGroups.add(group);
    return group;
  });
}

/** Renames a group (its key): the old record goes and the new one comes in the same transaction. */
export async function renameGroup(from: string, to: string): Promise<void> {
  const db = getDb();
  const n = checkName(to);
  await db.transaction('rw', db.neighbourGroups, async () => {
    const group = (await db.neighbourGroups.get(from)) as NeighbourGroup | undefined;
    if (!group) throw new GroupError(`There is no group called "${from}".`);
    if (n === from) return;
    const clash = ((await db.neighbourGroups.toArray()) as NeighbourGroup[]).find((g) => g.name !== from && g.name.toLowerCase() === n.toLowerCase());
    if (clash) throw new GroupError(`There is already a group called "${clash.name}".`);
    await db.neighbourGroups.delete(from);
    await db.neighbourGroups.add({ ...group, name: n, batchId: HAND_MADE_BATCH });
  });
}

export async function deleteGroup(name: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.neighbourGroups, async () => {
    if (!(await db.neighbourGroups.get(name))) throw new GroupError(`There is no group called "${name}".`);
    await db.neighbourGroups.delete(name);
  });
}

/** Adds and removes members (area codes) in one go. */
export async function changeMembers(name: string, add: readonly string[], remove: readonly string[]): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.neighbourGroups, async () => {
    const group = (await db.neighbourGroups.get(name)) as NeighbourGroup | undefined;
    if (!group) throw new GroupError(`There is no group called "${name}".`);
    const members = [...group.members.filter((m) => !remove.includes(m)), ...add.filter((m) => !group.members.includes(m))];
    await db.neighbourGroups.put({ ...group, members, batchId: HAND_MADE_BATCH });
  });
}

/**
 * Makes a group the council's statistical neighbours by naming it so; the group that held the name
 * before is renamed "Former statistical neighbours" (numbered if that is taken). One transaction.
 */
export async function makeStatisticalNeighbours(name: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.neighbourGroups, async () => {
    const all = (await db.neighbourGroups.toArray()) as NeighbourGroup[];
    const group = all.find((g) => g.name === name);
    if (!group) throw new GroupError(`There is no group called "${name}".`);
    if (isStatisticalNeighbourGroup(group)) return;
    const current = all.find(isStatisticalNeighbourGroup);
    if (current) {
      const taken = new Set(all.map((g) => g.name.toLowerCase()));
      let former = 'Former statistical neighbours';
      for (let i = 2; taken.has(former.toLowerCase()); i++) former = `Former statistical neighbours ${i}`;
      await db.neighbourGroups.delete(current.name);
      await db.neighbourGroups.add({ ...current, name: former, batchId: HAND_MADE_BATCH });
    }
    await db.neighbourGroups.delete(group.name);
    await db.neighbourGroups.add({ ...group, name: STATISTICAL_NEIGHBOURS, batchId: HAND_MADE_BATCH });
  });
}
