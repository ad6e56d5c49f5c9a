// Which kind of data a file holds, read from its headers. Matching ignores case, spacing,
// punctuation and unit suffixes (£000, £m, %), and knows the aliases exports use.
import { parsePeriod } from '../period';

export type FileKind =
  | 'priorities'
  | 'measures'
  | 'observations'
  | 'budget'
  | 'bridge'
  | 'reserves'
  | 'savings'
  | 'capital'
  | 'narrative'
  | 'statistics'
  | 'neighbours';

// National statistics come after the measures their indicators feed, and before neighbour lists,
// whose authority names (when a list gives no codes) are matched to the codes a statistics file gives.
export const FILE_KINDS: readonly FileKind[] = [
  'priorities', 'measures', 'observations', 'budget', 'bridge', 'reserves', 'savings', 'capital', 'narrative', 'statistics', 'neighbours',
];

export const KIND_LABELS: Record<FileKind, string> = {
  priorities: 'Portfolio and priorities',
  measures: 'Measures (wide layout)',
  observations: 'Observations (long layout)',
  budget: 'Revenue budget',
  bridge: 'Budget bridge',
  reserves: 'Reserves',
  savings: 'Savings',
  capital: 'Capital programme',
  narrative: 'Narrative and committee comments',
  statistics: 'National statistics (one row per area)',
  neighbours: 'Neighbour group (list of authorities)',
};

/** The template offered for each kind, in public/templates/. */
export const KIND_TEMPLATES: Record<FileKind, string> = {
  priorities: 'priorities.csv',
  measures: 'measures-wide.csv',
  observations: 'observations-long.csv',
  budget: 'budget.csv',
  bridge: 'budget-bridge.csv',
  reserves: 'reserves.csv',
  savings: 'savings.csv',
  capital: 'capital.csv',
  narrative: 'narrative.csv',
  statistics: 'statistics.csv',
  neighbours: 'neighbours.csv',
};

export interface FieldDef {
  key: string;
  label: string;
  aliases: readonly string[];
  required?: boolean;
  /** Money fields: the unit the store keeps them in. */
  money?: '£000' | '£m';
  /** Required fields of one group are alternatives: any one of them is enough (an area's code or its name). */
  group?: string;
}

const f = (key: string, label: string, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({
  key, label, aliases: [key.toLowerCase(), ...aliases], ...extra,
});

const period = f('period', 'Period', ['reportingperiod', 'report', 'timeperiod', 'quarter']);
const division = f('division', 'Division', ['directorate', 'service area', 'servicearea', 'department']);

export const KIND_FIELDS: Record<FileKind, readonly FieldDef[]> = {
  priorities: [
    f('council', 'Council', ['authority', 'councilname', 'localauthority']),
    f('portfolio', 'Portfolio', ['portfolioname', 'dataset']),
    f('cabinetMember', 'Cabinet member', ['cabinetmember', 'portfolioholder', 'leadmember']),
    f('priority', 'Priority', ['priorityno', 'prioritynumber', 'number', 'no'], { required: true }),
    f('shortTitle', 'Short title', ['shorttitle', 'shortname', 'summary']),
    f('title', 'Title', ['prioritytitle', 'longtitle', 'outcome', 'priorityoutcome'], { required: true }),
    f('deliveredBy', 'Delivered by', ['deliveredby', 'programmes', 'deliveryprogrammes']),
  ],
  measures: [
    f('priority', 'Priority', ['priorityno', 'prioritynumber']),
    f('code', 'PI code', ['picode', 'measurecode', 'indicatorcode', 'pi', 'ref', 'reference', 'piref'], { required: true }),
    f('name', 'PI name', ['piname', 'measure', 'measurename', 'indicator', 'indicatorname', 'description', 'title'], { required: true }),
    f('frequency', 'Reported', ['reported', 'reportingfrequency', 'howoften']),
    f('polarity', 'Good performance', ['goodperformance', 'goodperform', 'goodis', 'higherorlower', 'direction']),
    f('measureType', 'Measure type', ['measuretype', 'type', 'responsibility', 'category']),
    f('unit', 'Unit', ['units', 'unitofmeasure']),
    f('targetType', 'Target type', ['targettype']),
    f('gms', 'GMS', ['gmsindicator', 'greatermanchesterstrategy']),
    f('corporate', 'Corporate', ['corporatereport', 'corporatemeasure']),
    f('isNew', 'New measure', ['newmeasure', 'new']),
    f('commentary', 'Commentary', ['comment', 'comments', 'narrative', 'notes']),
    f('report', 'Report', ['reportname']),
  ],
  observations: [
    f('code', 'PI code', ['picode', 'measurecode', 'indicatorcode', 'pi', 'measure', 'ref'], { required: true }),
    f('period', 'Period', ['reportingperiod', 'timeperiod', 'quarter', 'date', 'asat'], { required: true }),
    f('breakdown', 'Breakdown', ['cohort', 'subject', 'group', 'subgroup']),
    f('value', 'Value', ['actual', 'result', 'figure', 'rate', 'percentage']),
    f('count', 'Count', ['number', 'numerator', 'n', 'cases']),
    f('status', 'Status', ['datastatus', 'quality']),
    f('commentary', 'Commentary', ['comment', 'comments', 'narrative', 'notes']),
    f('report', 'Report', ['reportname']),
  ],
  budget: [
    period,
    division,
    f('service', 'Service', ['servicename', 'costcentre', 'budgetline', 'line'], { required: true }),
    f('employee', 'Employee expenditure', ['employeeexpenditure', 'employees', 'employeecosts', 'staffing'], { money: '£000' }),
    f('nonEmployee', 'Non-employee expenditure', ['nonemployeeexpenditure', 'nonemployeecosts', 'runningcosts'], { money: '£000' }),
    f('gross', 'Gross expenditure', ['grossexpenditure', 'expenditure', 'totalexpenditure'], { money: '£000' }),
    f('income', 'Gross income', ['grossincome', 'totalincome'], { money: '£000' }),
    f('net', 'Net cash limit budget', ['netcashlimitbudget', 'netcashlimit', 'netbudget', 'cashlimit', 'budget', 'currentbudget'], { money: '£000' }),
    f('forecast', 'Forecast out-turn', ['forecastoutturn', 'outturn', 'projectedoutturn', 'forecastspend', 'projection'], { money: '£000' }),
  ],
  bridge: [
    f('year', 'Year', ['budgetyear', 'financialyear']),
    division,
    f('order', 'Order', ['row', 'sequence', 'position']),
    f('line', 'Line', ['item', 'adjustment', 'description', 'budgetadjustment'], { required: true }),
    f('step', 'Step', ['type', 'category', 'steptype']),
    f('amount', 'Amount', ['value', 'change', 'movement'], { required: true, money: '£000' }),
  ],
  reserves: [
    period,
    division,
    f('category', 'Reserve category', ['reservecategory', 'reservetype']),
    f('narration', 'Reserve narration', ['reservenarration', 'reserve', 'reservename'], { required: true }),
    f('purpose', 'To be used for', ['tobeusedfor', 'use', 'usedfor']),
    f('balance', 'Balance / approved use', ['balanceofreserveapproveduse', 'balanceofreserve', 'approveduse', 'closingbalance'], { required: true, money: '£000' }),
    f('plannedUse', 'Planned use in year', ['planneduse', 'planneduseinyear', 'plannedspend'], { money: '£000' }),
    f('drawnDown', 'Drawn down', ['drawndown', 'drawndowntodate', 'usedtodate', 'spenttodate'], { money: '£000' }),
    f('notDrawnDown', 'Not drawn down', ['notdrawndown', 'likelytoreturn']),
  ],
  savings: [
    period,
    division,
    f('proposal', 'Proposal', ['saving', 'savingsproposal', 'savingproposal', 'description'], { required: true }),
    f('riskRating', 'Risk rating', ['rag', 'ragrating', 'risk', 'rating']),
    f('identified', 'Value identified', ['valueidentified', 'target', 'savingtarget'], { required: true, money: '£m' }),
    f('achieved', 'Value achieved', ['valueachieved', 'delivered', 'forecastachieved'], { money: '£m' }),
    f('information', 'Additional information', ['additionalinformation', 'notes', 'comment', 'comments']),
  ],
  capital: [
    period,
    f('scheme', 'Scheme', ['schemename', 'project', 'projectname'], { required: true }),
    f('year', 'Programme year', ['programmeyear', 'financialyear']),
    f('amount', 'Amount', ['programme', 'value', 'budget'], { required: true, money: '£000' }),
    f('fundingSource', 'Funding source', ['funding', 'fundedby', 'resources', 'source']),
    f('description', 'Description', ['details', 'detail']),
  ],
  narrative: [
    f('report', 'Report', ['period', 'reportingperiod', 'meeting', 'reportname'], { required: true }),
    f('type', 'Type', ['itemtype', 'kind', 'category'], { required: true }),
    f('title', 'Title', ['programme', 'project', 'milestone', 'subject', 'heading', 'name'], { required: true }),
    f('priority', 'Priority', ['priorityno', 'prioritynumber']),
    f('servicePlan', 'Service plan', ['serviceplan', 'service', 'servicearea']),
    f('text', 'Text', ['narrative', 'comment', 'comments', 'update', 'progress', 'description', 'details']),
    f('status', 'Status', ['progressstatus', 'rag', 'progress']),
    f('due', 'Due', ['duedate', 'bywhen', 'deadline', 'date', 'responseby']),
    f('owner', 'Who answers', ['owner', 'lead', 'whoanswers', 'responsible', 'officer', 'actionby']),
    f('measures', 'Measures', ['measure', 'picode', 'picodes', 'measurecodes', 'relatedmeasures']),
    f('source', 'Source', ['sourcedocument', 'minutes']),
  ],
  // Explore Education Statistics open data (time_period, time_identifier, geographic_level, …), or
  // a long file of one figure a row (area, period, measure, value) as the Office for Local Government publishes.
  statistics: [
    f('timePeriod', 'Time period', ['timeperiod', 'period', 'year', 'reportingperiod', 'financialyear', 'academicyear'], { required: true }),
    f('timeIdentifier', 'Time identifier', ['timeidentifier', 'periodtype', 'yeartype']),
    f('geographicLevel', 'Geographic level', ['geographiclevel', 'geographylevel', 'geography', 'areatype', 'level']),
    f('countryCode', 'Country code', ['countrycode']),
    f('countryName', 'Country name', ['countryname', 'country']),
    f('regionCode', 'Region code', ['regioncode', 'gorcode', 'rgncode']),
    f('regionName', 'Region name', ['regionname', 'region', 'gorname', 'rgnname']),
    f('oldLaCode', 'Old LA code', ['oldlacode', 'lanumber', 'lanum', 'oldcode', 'dfenumber'], { required: true, group: 'area' }),
    f('laName', 'Authority name', ['laname', 'localauthority', 'localauthorityname', 'authority', 'authorityname', 'areaname', 'area', 'organisation', 'organisationname', 'council', 'councilname'], { required: true, group: 'area' }),
    f('newLaCode', 'Authority code', ['newlacode', 'lacode', 'areacode', 'authoritycode', 'localauthoritycode', 'onscode', 'gsscode', 'organisationcode'], { required: true, group: 'area' }),
    f('measure', 'Measure', ['indicator', 'measurename', 'indicatorname', 'metric', 'metricname', 'measuretitle', 'indicatortitle']),
    f('value', 'Value', ['figure', 'datavalue', 'obsvalue', 'observation']),
    f('unit', 'Unit', ['units', 'unitofmeasure', 'measureunit']),
  ],
  neighbours: [
    f('group', 'Group', ['groupname', 'neighbourgroup', 'comparatorgroup', 'statisticalneighbourgroup', 'statisticalneighbours', 'neighbours', 'comparators'], { required: true }),
    f('laCode', 'Authority code', ['newlacode', 'lacode', 'areacode', 'authoritycode', 'localauthoritycode', 'onscode', 'gsscode', 'code', 'membercode'], { required: true, group: 'area' }),
    f('oldLaCode', 'Old LA code', ['oldlacode', 'lanumber', 'lanum', 'oldcode'], { required: true, group: 'area' }),
    f('laName', 'Authority name', ['laname', 'localauthority', 'authority', 'authorityname', 'areaname', 'area', 'name', 'member', 'membername', 'neighbour'], { required: true, group: 'area' }),
    f('rank', 'Rank', ['closeness', 'order', 'position', 'neighbourrank']),
  ],
};

/** Comparator series a long file may carry as columns, by canonical name. */
export const COMPARATORS: Record<string, readonly string[]> = {
  'Statistical neighbours': ['statisticalneighbours', 'statisticalneighbour', 'statneighbours', 'sn', 'snaverage'],
  England: ['england', 'national', 'nationalaverage', 'englandaverage'],
  'North West': ['northwest', 'nw', 'region', 'regional', 'regionalaverage'],
  'Greater Manchester': ['greatermanchester', 'gm', 'gmaverage'],
};

/** A column of a wide measures file that holds a period's actuals or targets. */
export interface PeriodColumn { role: 'actual' | 'target'; period: string }

export type ColumnRole =
  | { type: 'field'; key: string }
  | { type: 'period'; role: 'actual' | 'target'; period: string }
  | { type: 'comparator'; name: string }
  /** A statistics file's column of words that qualifies its figures (characteristic, age group). */
  | { type: 'filter' }
  /** A statistics file's column of figures (an indicator). */
  | { type: 'indicator' }
  | { type: 'ignore' };

/** Folds a header to its matching form: "Balance of Reserve / "Approved Use" £000" → "balanceofreserveapproveduse". */
export function foldHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/\((?:£|gbp)\s*(?:000s?|'000s?|k|m|millions?|thousands?)\)|(?:£|gbp)\s*(?:000s?|'000s?|k|m|millions?|thousands?)\b|\(%\)|%|£/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
}

/** The money unit a header states, if any ("Value Identified £m" → £m). */
export function headerMoneyUnit(header: string): '£000' | '£m' | null {
  const h = header.toLowerCase();
  if (/£\s*m\b|£m|\(£m\)|£\s*millions?/.test(h)) return '£m';
  if (/£\s*'?000|£\s*k\b|£000|thousands/.test(h)) return '£000';
  return null;
}

/** Reads a wide file's period header: "2018/19 Actual", "2021/22 Target", bare "2020/21". */
export function readPeriodHeader(header: string): PeriodColumn | null {
  const m = /^(.*?)\s*(actuals?|targets?|outturn)?$/i.exec(header.trim());
  if (!m?.[1]) return null;
  const p = parsePeriod(m[1]);
  if (!p || p.kind === 'agreement') return null;
  return { role: m[2]?.toLowerCase().startsWith('target') ? 'target' : 'actual', period: p.id };
}

function fieldFor(kind: FileKind, folded: string): string | null {
  for (const field of KIND_FIELDS[kind]) {
    if (field.aliases.includes(folded)) return field.key;
  }
  return null;
}

function comparatorFor(folded: string): string | null {
  for (const [name, aliases] of Object.entries(COMPARATORS)) {
    if (aliases.includes(folded)) return name;
  }
  return null;
}

// Location columns of geographic levels other than national, regional and local authority
// (districts, constituencies, schools, trusts …): their rows are skipped, so the columns are not read.
const OTHER_LOCATION = /^(?:lad|pcon|ward|school|trust|sponsor|opportunityarea|rsc|lep|localenterprisepartnership|englishdevolvedarea|mayoralcombinedauthority|provider|institution|planningarea|localskillsimprovementplanarea|lsip|policeforce|parliamentaryconstituency|msoa|lsoa|cauth|urn|laestab|ukprn)/;
// Words that name a figure rather than a category, for a statistics column seen without its cells.
const FIGURE_WORDS = /(?:rate|percent|pct|perc|number|num|count|total|avg|average|mean|median|per\d|ratio|score|value|amount|spend|cost|expenditure|income|population|headcount|fte|days|weeks|months|years?old|proportion|share|change|difference|gap|\bn$|^n[ou]?[a-z]*$)/;

/** A statistics cell that holds a figure, or a symbol standing in for one (x, z, c, low, u, :, ..). */
const FIGURE_CELL = /^\s*(?:[-+\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\s*%?|x|z|c|low|u|k|:|\.\.|\.|-|~|\*|n\/a|na|supp|suppressed)\s*$/i;
const DIGIT = /\d/;

function statisticsRole(header: string, folded: string, cells: readonly string[] | null): ColumnRole {
  if (folded === '' || OTHER_LOCATION.test(folded)) return { type: 'ignore' };
  if (cells) {
    let figures = 0;
    let text = 0;
    for (const cell of cells) {
      if (cell.trim() === '') continue;
      if (FIGURE_CELL.test(cell)) {
        if (DIGIT.test(cell)) figures++;
      } else text++;
    }
    if (figures + text > 0) return figures > 0 && text === 0 ? { type: 'indicator' } : { type: 'filter' };
  }
  return FIGURE_WORDS.test(header.toLowerCase().replace(/[^a-z0-9]+/g, '')) ? { type: 'indicator' } : { type: 'filter' };
}

/** The role each header plays in a file of the given kind (unknown headers: ignore). */
export function mapColumns(kind: FileKind, headers: readonly string[]): ColumnRole[] {
  return mapColumnsWithCells(kind, headers, null);
}

/** Rows looked at to tell a statistics file's columns of figures from its columns of words. */
export const SAMPLE_ROWS = 2000;

/**
 * As mapColumns, but a statistics file's other columns are told apart by their first cells:
 * figures and symbols only make an indicator, any words a filter. Other kinds read headers only.
 */
export function mapColumnsWithRows(kind: FileKind, headers: readonly string[], rows: readonly (readonly string[])[]): ColumnRole[] {
  if (kind !== 'statistics') return mapColumns(kind, headers);
  const sample = rows.slice(0, SAMPLE_ROWS);
  return mapColumnsWithCells(kind, headers, headers.map((_, c) => sample.map((row) => row[c] ?? '')));
}

function mapColumnsWithCells(kind: FileKind, headers: readonly string[], cells: readonly (readonly string[])[] | null): ColumnRole[] {
  const used = new Set<string>();
  return headers.map((header, c): ColumnRole => {
    const folded = foldHeader(header);
    const key = fieldFor(kind, folded);
    if (key && !used.has(key)) {
      used.add(key);
      return { type: 'field', key };
    }
    if (kind === 'measures') {
      const pc = readPeriodHeader(header);
      if (pc) return { type: 'period', ...pc };
    }
    if (kind === 'observations') {
      const name = comparatorFor(folded);
      if (name) return { type: 'comparator', name };
    }
    if (kind === 'statistics') return statisticsRole(header, folded, cells?.[c] ?? null);
    return { type: 'ignore' };
  });
}

/** Labels of the required fields the keys lack; of a group of alternatives, all of whose members are absent, one label ("Authority name or Authority code"). */
export function missingFields(kind: FileKind, keys: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const groups = new Map<string, FieldDef[]>();
  for (const fd of KIND_FIELDS[kind]) {
    if (!fd.required) continue;
    if (fd.group) groups.set(fd.group, [...(groups.get(fd.group) ?? []), fd]);
    else if (!keys.has(fd.key)) out.push(fd.label);
  }
  for (const members of groups.values()) {
    if (!members.some((fd) => keys.has(fd.key))) out.push(members.map((fd) => fd.label).join(' or '));
  }
  return out;
}

export interface KindGuess {
  kind: FileKind;
  score: number;
  missing: string[];
}

/** Scores every kind against the headers; the best first. A kind missing a required field scores lower than any complete one. */
export function recogniseKind(headers: readonly string[]): KindGuess[] {
  const guesses = FILE_KINDS.map((kind): KindGuess => {
    const roles = mapColumns(kind, headers);
    const keys = new Set(roles.flatMap((r) => (r.type === 'field' ? [r.key] : [])));
    const missing = missingFields(kind, keys);
    const extras = roles.filter((r) => r.type === 'period' || r.type === 'comparator').length;
    const requiredMet = KIND_FIELDS[kind].filter((fd) => fd.required && keys.has(fd.key)).length;
    const score = (missing.length === 0 ? 1000 : 0) + requiredMet * 10 + keys.size * 2 + Math.min(extras, 3);
    return { kind, score, missing };
  });
  return guesses.sort((a, b) => b.score - a.score);
}
