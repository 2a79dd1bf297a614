import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  IMPORT_FORMAT_LABELS,
  MAX_IMPORT_CHARACTERS,
  type ColumnMapping,
  type ImportPlanSummary,
} from '../../../shared/facility-import';
import { CSV_ENCODING_LABELS, decodeCsvFile, type CsvEncoding } from '../../../shared/csv-encoding';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api';
import { callQuery, readState, useCallMutation } from '../calls/cache';

const ACTION_LABELS = { add: 'Add', update: 'Update', unchanged: 'No change' } as const;

interface ChosenFile {
  name: string;
  csv: string;
  encoding: CsvEncoding;
  /** Which file this is: two files may hold the same text, and a file's text can be 30 MB long. */
  readAt: number;
}

export function ImportPage() {
  const importFacilities = useCallMutation('importFacilities');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [chosenMapping, setChosenMapping] = useState<ColumnMapping | null>(null);
  const [result, setResult] = useState<ImportPlanSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const previewQuery = useQuery({
    ...callQuery('previewFacilityImport', { csv: file?.csv ?? '', mapping: chosenMapping }),
    enabled: file !== null && result === null,
    // The key holds the whole file; hashing up to 30 MB at every render would stall the page.
    queryKeyHashFn: () => JSON.stringify(['previewFacilityImport', file?.readAt ?? null, chosenMapping]),
    // Another file's preview is of no use later, and it holds that file's text.
    gcTime: 0,
    // A changed column keeps the preview on screen until its own arrives; another file does not.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1].csv === file?.csv ? previous : undefined),
  });
  const preview = result ? null : (previewQuery.data ?? null);
  const mapping = chosenMapping ?? preview?.mapping ?? null;
  const error = problem ?? readState(previewQuery).errorMessage;
  const busy = previewQuery.isFetching || importFacilities.isPending;

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setResult(null);
    setChosenMapping(null);
    setProblem(null);
    setFile(null);
    if (!chosen) return;
    const tooLarge = 'That file is larger than 30 MB. Split it and import the parts one after another.';
    // UTF-16 takes two bytes a character, so the byte size alone can only rule out the largest.
    if (chosen.size > MAX_IMPORT_CHARACTERS * 2) {
      setProblem(tooLarge);
      return;
    }
    const { text, encoding } = decodeCsvFile(new Uint8Array(await chosen.arrayBuffer()), (bytes, unicode) => new TextDecoder(unicode).decode(bytes));
    if (text.length > MAX_IMPORT_CHARACTERS) {
      setProblem(tooLarge);
      return;
    }
    setFile({ name: chosen.name, csv: text, encoding, readAt: performance.now() });
  }

  function changeMapping(field: (typeof IMPORT_FIELDS)[number], header: string) {
    if (mapping) setChosenMapping({ ...mapping, [field]: header || null });
  }

  async function runImport() {
    if (!file) return;
    setProblem(null);
    try {
      setResult(await importFacilities.mutateAsync({ csv: file.csv, mapping }));
    } catch (failure) {
      setProblem(errorMessage(failure));
    }
  }

  const importable = preview ? preview.added + preview.updated : 0;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span> <span>Import</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>Import facilities from CSV</h1>
          <p className="muted">
            The CMS “Hospital General Information” file is recognised in both its older and newer headers. Any other CSV works
            too, as Excel saves it (commas, semicolons or tabs; UTF-8, Windows-1252 or Unicode text): choose which column holds what. Facilities with a CCN already in the registry are updated, not duplicated.
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="file-heading">
        <h2 id="file-heading">1. Choose the file</h2>
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input id="import-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" onChange={(event) => void chooseFile(event)} />
        </div>
        {busy && (
          <p className="muted" role="status">
            Reading {file?.name}…
          </p>
        )}
        {error && (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        )}
      </section>

      {result && (
        <section className="card" aria-labelledby="result-heading">
          <h2 id="result-heading">Import finished</h2>
          <p className="banner banner--ok" role="status">
            {file?.name}: {result.added.toLocaleString()} added, {result.updated.toLocaleString()} updated, {result.unchanged.toLocaleString()} unchanged,{' '}
            {result.rejected.length.toLocaleString()} rejected.
          </p>
          <RejectedRows rows={result.rejected} />
          <Link className="button button--primary" to="/facilities">
            Go to the facility list
          </Link>
        </section>
      )}

      {preview && mapping && (
        <>
          <section className="card" aria-labelledby="mapping-heading">
            <h2 id="mapping-heading">2. Check the columns</h2>
            <p>
              Recognised as: <strong>{IMPORT_FORMAT_LABELS[preview.format]}</strong>
            </p>
            {file && file.encoding !== 'utf-8' && (
              <p className="banner banner--info">
                Read as {CSV_ENCODING_LABELS[file.encoding]}. Check the names in the preview below; if letters such as é or ñ look
                wrong, save the file from Excel as “CSV UTF-8” and choose it again.
              </p>
            )}
            <div className="mapping-grid">
              {IMPORT_FIELDS.map((field) => (
                <div className="field" key={field}>
                  <label htmlFor={`map-${field}`}>
                    {IMPORT_FIELD_LABELS[field]}
                    {field === 'name' && ' (required)'}
                  </label>
                  <select id={`map-${field}`} value={mapping[field] ?? ''} onChange={(event) => changeMapping(field, event.target.value)}>
                    <option value="">Not in this file</option>
                    {preview.headers.map((header) => (
                      <option key={header} value={header}>
                        {header}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </section>

          <section className="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">3. Preview and import</h2>
            <ul className="summary-tiles" aria-label="What the import will do">
              <li>
                <strong>{preview.added.toLocaleString()}</strong> to add
              </li>
              <li>
                <strong>{preview.updated.toLocaleString()}</strong> to update
              </li>
              <li>
                <strong>{preview.unchanged.toLocaleString()}</strong> unchanged
              </li>
              <li className={preview.rejected.length ? 'summary-tiles__warn' : ''}>
                <strong>{preview.rejected.length.toLocaleString()}</strong> rejected
              </li>
            </ul>
            {preview.sample.length > 0 && (
              <table className="table table--inset">
                <caption className="visually-hidden">First rows as they will be stored</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">CCN</th>
                    <th scope="col">Name</th>
                    <th scope="col">City</th>
                    <th scope="col">State</th>
                    <th scope="col">ZIP</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.ccn ?? '—'}</td>
                      <td>{row.name}</td>
                      <td>{row.city}</td>
                      <td>{row.state}</td>
                      <td>{row.zip}</td>
                      <td>{ACTION_LABELS[row.action]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <RejectedRows rows={preview.rejected} />
            <div className="actions">
              <button type="button" className="button button--primary" disabled={busy || importable === 0} onClick={() => void runImport()}>
                {importable === 0 ? 'Nothing to import' : `Import ${importable.toLocaleString()} facilit${importable === 1 ? 'y' : 'ies'}`}
              </button>
              <span className="muted small">Valid rows go in together; rejected rows are left out and listed.</span>
            </div>
          </section>
        </>
      )}
    </>
  );
}

function RejectedRows({ rows }: { rows: ImportPlanSummary['rejected'] }) {
  if (rows.length === 0) return null;
  return (
    <details className="rejected" open={rows.length <= 20}>
      <summary>
        {rows.length.toLocaleString()} row{rows.length === 1 ? '' : 's'} cannot be imported
      </summary>
      <ul>
        {rows.slice(0, 500).map((row) => (
          <li key={row.line}>
            <strong>Line {row.line}:</strong> {row.reason}
          </li>
        ))}
        {rows.length > 500 && <li>…and {rows.length - 500} more.</li>}
      </ul>
    </details>
  );
}
