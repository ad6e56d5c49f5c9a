import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { mapColumns } from '../../src/domain/import/headers';
import { mapRows } from '../../src/domain/import/map-rows';
import { readCsv } from '../../src/domain/import/read-table';
import { changeReport, measureComments, priorityNarrative, searchText } from '../../src/domain/narrative';
import type { Measure, NarrativeItem, ObservationPoint, Target } from '../../src/domain/types';

const item = (over: Partial<NarrativeItem>): NarrativeItem => ({
  portfolioId: 'p', report: '2021/22 Agreement', type: 'programme', title: 'Start Well Strategy', priority: 1, servicePlan: '', text: '', status: null, due: '', owner: '', measureCodes: [], source: '', batchId: 1, ...over,
});

describe('narrative import', () => {
  it('reads each kind with its status, due date, owner and measures, naming bad cells', () => {
    const csv = `Report,Type,Title,Priority,Text,Status,Due,Who answers,Measures,Source
Annual 2020/21,Request,SEND subset of measures,2,A further subset of information was requested,Open,,,CFSE.25; CFSE.26,Minutes
Q2 2021/22,Programme,Start Well Strategy,1,Illustrative: on course,on track,,,,
Q2 2021/22,Key development,New hub,3,Opened,,,,,
Sometime,Issue,Staffing,1,x,,,,,
Q2 2021/22,Gossip,x,1,x,,,,,
Q2 2021/22,Project,Hub,1,x,Delayed,,,,
`;
    const read = readCsv('narrative.csv', csv);
    if (!read.ok) throw new Error('read');
    const { staged, issues } = mapRows('narrative', read.table, mapColumns('narrative', read.table.headers), { file: 'narrative.csv', portfolioId: 'p', batchId: 0, knownMeasures: new Map([['CFSE.25', { unit: '%' }]]) });
    expect(staged.narrative.map((n) => [n.report, n.type, n.title, n.status, n.measureCodes])).toEqual([
      ['2020/21', 'request', 'SEND subset of measures', 'Open', ['CFSE.25', 'CFSE.26']],
      ['2021/22 Q2', 'programme', 'Start Well Strategy', 'On track', []],
      ['2021/22 Q2', 'development', 'New hub', null, []],
    ]);
    expect(issues.map((i) => [i.level, i.row, i.column, i.message.slice(0, 29)])).toEqual([
      ['warning', 2, 'Measures', 'CFSE.26 is not a measure this'],
      ['error', 5, 'Report', '"Sometime" is not a report th'],
      ['error', 6, 'Type', '"Gossip" is not a kind of nar'],
      ['error', 7, 'Status', '"Delayed" is not a status (On'],
    ]);
  });
});

describe('priorityNarrative', () => {
  const all = [
    item({}),
    item({ report: '2021/22 Q2', status: 'At risk' }),
    item({ report: '2021/22 Q2', type: 'development', title: 'Hub opened' }),
    item({ report: '2021/22 Q1', type: 'development', title: 'Old news' }),
    item({ report: '2021/22 Q2', type: 'issue', title: 'Recruitment' }),
    item({ report: '2020/21', type: 'request', title: 'SEND subset', status: 'Open' }),
    item({ report: '2021/22 Q2', type: 'request', title: 'SEND subset', status: 'Answered' }),
    item({ report: '2021/22 Q2', type: 'request', title: 'Placement costs', status: 'Open' }),
    item({ priority: 2, title: 'Other priority' }),
  ];
  it('carries each item forward to the report in view, latest status winning', () => {
    const q2 = priorityNarrative(all, 1, '2021/22 Q2');
    expect(q2.programmes.map((p) => [p.title, p.status])).toEqual([['Start Well Strategy', 'At risk']]);
    expect(q2.developments.map((p) => p.title)).toEqual(['Hub opened']);
    expect(q2.issues.map((p) => p.title)).toEqual(['Recruitment']);
    expect(q2.openRequests.map((p) => p.title)).toEqual(['Placement costs']);
    const agreement = priorityNarrative(all, 1, '2021/22 Agreement');
    expect(agreement.programmes.map((p) => p.status)).toEqual([null]);
    expect(agreement.openRequests.map((p) => p.title)).toEqual(['SEND subset']);
    expect(agreement.developments).toEqual([]);
  });
});

const measure: Measure = { code: 'CFSE.25', portfolioId: 'p', name: 'Young people in education', priority: 2, measureType: 'Partnership', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical', gms: false, corporate: false, isNew: false, batchId: 1 };
const pt = (period: string, value: number): ObservationPoint => ({ period, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: String(value), batchId: 1 });
const target: Target = { measureCode: 'CFSE.25', year: '2021/22', breakdown: '', value: 97, direction: null, raw: '97%', batchId: 1 };

function dataset(narrative: NarrativeItem[]): Dataset {
  return {
    portfolio: null, priorities: [], measures: [measure], observations: [{ measureCode: 'CFSE.25', series: 'actual', points: [pt('2021/22 Q1', 97.5), pt('2021/22 Q2', 96.1)] }],
    targets: [target], commentary: [{ measureCode: 'CFSE.25', report: '2021/22 Q2', text: 'Participation is just short of the 97% target.', batchId: 1 }],
    budgetLines: [], bridgeLines: [], reserves: [], savings: [], capital: [], narrative, benchmarks: [], neighbourGroups: [],
  };
}

describe('search and the change report', () => {
  const narrative = [
    item({ report: '2020/21', type: 'request', title: 'SEND subset', status: 'Open', text: 'A further subset of information was requested relating to SEND pupils', measureCodes: ['CFSE.25'], priority: 2 }),
    item({ report: '2021/22 Q2', type: 'request', title: 'SEND subset', status: 'Answered', measureCodes: ['CFSE.25'], priority: 2 }),
    item({ report: '2021/22 Q2', type: 'request', title: 'New question', status: 'Open' }),
    item({ report: '2021/22 Q1', status: 'On track' }),
    item({ report: '2021/22 Q2', status: 'Off track' }),
  ];
  const d = dataset(narrative);

  it('finds a phrase in narrative and commentary, whatever the case and spacing, linking to its measure', () => {
    const hits = searchText(d, 'SUBSET of  information');
    expect(hits.map((h) => [h.kind, h.title, h.measureCode, h.report])).toEqual([['request', 'SEND subset', 'CFSE.25', '2020/21']]);
    expect(hits[0]?.snippet.slice(...(hits[0]?.match ?? [0, 0]))).toBe('subset of information');
    expect(searchText(d, 'just short').map((h) => [h.kind, h.measureCode])).toEqual([['commentary', 'CFSE.25']]);
    expect(searchText(d, 'x')).toEqual([]);
  });

  it('lists the measures whose RAG moved, requests opened and closed, and programmes whose status moved', () => {
    const r = changeReport(d, '2021/22 Q1', '2021/22 Q2', 0.05);
    expect(r.ragChanges.map((c) => [c.row.measure.code, c.from, c.to])).toEqual([['CFSE.25', 'Green', 'Amber']]);
    expect(r.newRequests.map((n) => n.title)).toEqual(['New question']);
    expect(r.closedRequests.map((n) => [n.title, n.status])).toEqual([['SEND subset', 'Answered']]);
    expect(r.statusMoves.map((m) => [m.item.title, m.from, m.to])).toEqual([['Start Well Strategy', 'On track', 'Off track']]);
  });

  it('finds the committee comments about a measure', () => {
    expect(measureComments(narrative, 'CFSE.25').map((n) => n.report)).toEqual(['2020/21', '2021/22 Q2']);
  });
});
