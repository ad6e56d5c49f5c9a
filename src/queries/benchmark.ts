// Neighbour groups and the authorities to pick them from: reads and hand edits, each edit one
// transaction, then the store's queries are invalidated like every other write.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changeMembers, createGroup, deleteGroup, makeStatisticalNeighbours, readBenchmarkAuthorities, readNeighbourGroups, renameGroup } from '../db/groups';
import { invalidateStore, storeKeys } from './store';

export const groupKeys = {
  groups: () => [...storeKeys.all, 'neighbour-groups'] as const,
  authorities: () => [...storeKeys.all, 'benchmark-authorities'] as const,
};

export const useNeighbourGroups = () => useQuery({ queryKey: groupKeys.groups(), queryFn: readNeighbourGroups });
export const useBenchmarkAuthorities = () => useQuery({ queryKey: groupKeys.authorities(), queryFn: readBenchmarkAuthorities });

export type GroupEdit =
  | { op: 'create'; name: string; members?: string[] }
  | { op: 'rename'; from: string; to: string }
  | { op: 'delete'; name: string }
  | { op: 'members'; name: string; add: string[]; remove: string[] }
  | { op: 'statistical-neighbours'; name: string };

async function applyEdit(edit: GroupEdit): Promise<void> {
  switch (edit.op) {
    case 'create': await createGroup(edit.name, edit.members ?? []); return;
    case 'rename': await renameGroup(edit.from, edit.to); return;
    case 'delete': await deleteGroup(edit.name); return;
    case 'members': await changeMembers(edit.name, edit.add, edit.remove); return;
    case 'statistical-neighbours': await makeStatisticalNeighbours(edit.name); return;
  }
}

export function useEditGroups() {
  const client = useQueryClient();
  return useMutation({ mutationFn: applyEdit, onSettled: () => invalidateStore(client) });
}
