// Seed 003 and the committee minutes (seeds 000 and 001) as files, bundled into a chunk of its own that loads only when the sample is.
import priorities from '../../fixtures/seed-003/priorities.csv?raw';
import measures from '../../fixtures/seed-003/measures.csv?raw';
import comparators from '../../fixtures/seed-003/comparators.csv?raw';
import budget from '../../fixtures/seed-003/budget.csv?raw';
import bridge from '../../fixtures/seed-003/budget-bridge.csv?raw';
import reserves from '../../fixtures/seed-003/reserves.csv?raw';
import savings from '../../fixtures/seed-003/savings.csv?raw';
import capital from '../../fixtures/seed-003/capital.csv?raw';
import narrative from '../../fixtures/seed-003/narrative.csv?raw';
import minutes2021 from '../../fixtures/seed-001-minutes/narrative.csv?raw';
import minutes2016 from '../../fixtures/seed-000-minutes/narrative.csv?raw';

export const files: [string, string][] = [
  ['seed-003/priorities.csv', priorities],
  ['seed-003/measures.csv', measures],
  ['seed-003/comparators.csv', comparators],
  ['seed-003/budget.csv', budget],
  ['seed-003/budget-bridge.csv', bridge],
  ['seed-003/reserves.csv', reserves],
  ['seed-003/savings.csv', savings],
  ['seed-003/capital.csv', capital],
  ['seed-003/narrative.csv', narrative],
  ['seed-001-minutes/narrative.csv', minutes2021],
  ['seed-000-minutes/narrative.csv', minutes2016],
];
