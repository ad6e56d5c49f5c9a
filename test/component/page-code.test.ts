import { describe, expect, it } from 'vitest';
import { pageCodeFor } from '../../src/app/App';

describe('the page an address opens starts loading with the app', () => {
  it('names the code of each page beyond the overview, with the charts it draws', () => {
    expect(pageCodeFor('/measures')).toEqual(['measures']);
    expect(pageCodeFor('/measures/')).toEqual(['measures']);
    expect(pageCodeFor('/measures/CFSE.25')).toEqual(['detail', 'trendChart']);
    expect(pageCodeFor('/resources')).toEqual(['resourcesLayout', 'resources', 'resourceCharts']);
    expect(pageCodeFor('/resources/reserves')).toEqual(['resourcesLayout', 'resources', 'resourceCharts']);
    expect(pageCodeFor('/priorities/2')).toEqual(['narrative']);
    expect(pageCodeFor('/search')).toEqual(['narrative']);
    expect(pageCodeFor('/changes')).toEqual(['narrative']);
    expect(pageCodeFor('/benchmarking/groups')).toEqual(['groups']);
    expect(pageCodeFor('/import')).toEqual(['import']);
    expect(pageCodeFor('/import/formats')).toEqual(['formats']);
    expect(pageCodeFor('/settings')).toEqual(['settings']);
  });
  it('loads nothing more for the overview, whose code comes with the app, or for an address that is no page', () => {
    expect(pageCodeFor('/')).toEqual([]);
    expect(pageCodeFor('/nowhere')).toEqual([]);
    expect(pageCodeFor('/resourcesx')).toEqual([]);
  });
});
