// The illustrative 2021/22 Q2 update (not from a paper), bundled with the sample.
import observations from '../../fixtures/q2-update-illustrative/observations.csv?raw';
import budget from '../../fixtures/q2-update-illustrative/budget.csv?raw';
import reserves from '../../fixtures/q2-update-illustrative/reserves.csv?raw';
import savings from '../../fixtures/q2-update-illustrative/savings.csv?raw';
import narrative from '../../fixtures/q2-update-illustrative/narrative.csv?raw';

export const files: [string, string][] = [
  ['q2-update-illustrative/observations.csv', observations],
  ['q2-update-illustrative/budget.csv', budget],
  ['q2-update-illustrative/reserves.csv', reserves],
  ['q2-update-illustrative/savings.csv', savings],
  ['q2-update-illustrative/narrative.csv', narrative],
];
