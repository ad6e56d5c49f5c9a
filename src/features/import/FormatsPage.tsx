import { Link } from 'react-router-dom';
import { COMPARATORS, FILE_KINDS, KIND_FIELDS, KIND_LABELS, KIND_TEMPLATES } from '../../domain/import/headers';

export function FormatsPage() {
  return (
    <>
      <h1>Data formats and templates</h1>
      <p className="lead">
        Each file holds one kind of data, recognised from its column headers. Headers may differ in case, spacing, punctuation and unit suffixes
        such as £000 or £m; common alternative names are known; any other column can be assigned by hand in the preview.
        CSV may be comma, tab, semicolon or pipe separated. JSON is an array of objects with the same names as fields. Excel (.xlsx): pick the sheet.
      </p>
      <p><Link to="/import">Back to import</Link></p>
      {FILE_KINDS.map((kind) => (
        <section key={kind}>
          <h2>{KIND_LABELS[kind]}</h2>
          <p><a href={`/templates/${KIND_TEMPLATES[kind]}`} download>Download the {KIND_LABELS[kind].toLowerCase()} template (CSV)</a></p>
          <table className="table">
            <caption className="visually-hidden">Columns of a {KIND_LABELS[kind].toLowerCase()} file</caption>
            <thead><tr><th scope="col">Column</th><th scope="col">Needed</th><th scope="col">Also recognised as</th></tr></thead>
            <tbody>
              {KIND_FIELDS[kind].map((f) => (
                <tr key={f.key}>
                  <th scope="row">{f.label}{f.money ? ` (${f.money})` : ''}</th>
                  <td>{f.required ? 'Required' : 'Optional'}</td>
                  <td>{f.aliases.slice(1).join(', ')}</td>
                </tr>
              ))}
              {kind === 'measures' && (
                <tr><th scope="row">One column per period</th><td>Optional</td><td>“2018/19 Actual”, “2020/21” (an actual), “2021/22 Target”, “Q2 2021/22 Actual”: any period form</td></tr>
              )}
              {kind === 'observations' && (
                <tr><th scope="row">Comparator columns</th><td>Optional</td><td>{Object.keys(COMPARATORS).join(', ')}</td></tr>
              )}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
