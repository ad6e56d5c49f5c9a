// Seed 003 as files, bundled into a chunk of its own that loads only when the sample is.
import priorities from '../../fixtures/seed-003/priorities.csv?raw';
import measures from '../../fixtures/seed-003/measures.csv?raw';
import comparators from '../../fixtures/seed-003/comparators.csv?raw';
import budget from '../../fixtures/seed-003/budget.csv?raw';
import bridge from '../../fixtures/seed-003/budget-bridge.csv?raw';
import reserves from '../../fixtures/seed-003/reserves.csv?raw';
import savings from '../../fixtures/seed-003/savings.csv?raw';
import capital from '../../fixtures/seed-003/capital.csv?raw';

export const files: [string, string][] = [
  ['seed-003/priorities.csv', priorities],
  ['seed-003/measures.csv', measures],
  ['seed-003/comparators.csv', comparators],
  ['seed-003/budget.csv', budget],
  ['seed-003/budget-bridge.csv', bridge],
  ['seed-003/reserves.csv', reserves],
  ['seed-003/savings.csv', savings],
  ['seed-003/capital.csv', capital],
];
