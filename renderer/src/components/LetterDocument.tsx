import { useState } from 'react';
import { LETTER_AUDIENCE_LABELS, type ComposedLetter, type LetterParagraph } from '../../../shared/letters';

const DOCUMENT_LABELS: Record<ComposedLetter['audience'], string> = { ...LETTER_AUDIENCE_LABELS, transfer_summary: 'Transfer summary' };

interface EditingProps {
  edits: Record<string, string>;
  onSave(paragraphId: string, text: string | null): Promise<void>;
}

/** One letter, as previewed and as printed: the same component, the same markup. */
export function LetterDocument({ letter, editing }: { letter: ComposedLetter; editing?: EditingProps }) {
  const language = letter.language ?? 'en';
  return (
    <article className={`letter-sheet letter-sheet--${letter.paperSize}`} aria-label={DOCUMENT_LABELS[letter.audience]} lang={language}>
      <header className="letter-head">
        <p className="letter-head__institution">{letter.letterhead.institution}</p>
        {letter.letterhead.address && <p className="letter-head__line">{letter.letterhead.address}</p>}
        {letter.letterhead.phone && <p className="letter-head__line">{letter.letterhead.phone}</p>}
      </header>
      <p className="letter-date">{letter.date}</p>
      {letter.recipient.length > 0 && (
        <address className="letter-recipient">
          {letter.recipient.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </address>
      )}
      {letter.reference.length > 0 && (
        <table className="letter-reference">
          <caption>Re:</caption>
          <tbody>
            {letter.reference.map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                <td>{line.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{letter.salutation}</p>
      {letter.blocks.map((block) => (
        <section key={block.id} className="letter-block">
          {block.heading && <h3>{block.heading}</h3>}
          {block.style === 'list' ? (
            <ul>
              {block.paragraphs.map((paragraph) => (
                <li key={paragraph.id}>
                  <Paragraph paragraph={paragraph} editing={editing} language={language} />
                </li>
              ))}
            </ul>
          ) : (
            block.paragraphs.map((paragraph) => (
              <div key={paragraph.id} className="letter-paragraph">
                <Paragraph paragraph={paragraph} editing={editing} language={language} />
              </div>
            ))
          )}
        </section>
      ))}
      <div className="letter-signoff">
        {letter.closing && <p>{letter.closing}</p>}
        <div className="letter-signature-space" aria-hidden="true" />
        {letter.signature.map((line) => (
          <p key={line} className="letter-signature-line">
            {line}
          </p>
        ))}
      </div>
      {letter.enclosures.length > 0 && (
        <section className="letter-enclosures">
          <h3>Enclosures</h3>
          <ul>
            {letter.enclosures.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {letter.footnotes.length > 0 && (
        <footer className="letter-footnotes">
          <ol>
            {letter.footnotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ol>
        </footer>
      )}
    </article>
  );
}

/** The app's own controls inside a letter speak English whatever the letter's language, so they carry lang="en". */
function Paragraph({ paragraph, editing, language }: { paragraph: LetterParagraph; editing: EditingProps | undefined; language: string }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(paragraph.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!editing) return <p lang={paragraph.lang}>{paragraph.text}</p>;
  const edited = paragraph.id in editing.edits;

  async function save(text: string | null) {
    setBusy(true);
    setError(null);
    try {
      await editing!.onSave(paragraph.id, text);
      setOpen(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not save the paragraph. Try again.');
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div className="editable">
        <p lang={paragraph.lang}>
          {paragraph.text}
          {edited && (
            <span className="edited-tag no-print" lang="en">
              {' '}
              (edited)
            </span>
          )}
        </p>
        <button
          type="button"
          lang="en"
          className="button button--small button--quiet no-print editable__button"
          onClick={() => {
            setDraft(paragraph.text);
            setOpen(true);
          }}
        >
          Edit
          <span className="visually-hidden">
            {' '}
            paragraph: <span lang={language}>{paragraph.text.slice(0, 60)}</span>
          </span>
        </button>
      </div>
    );
  }
  return (
    <div className="editable editable--open no-print" lang="en">
      <label className="visually-hidden" htmlFor={`paragraph-${paragraph.id}`}>
        Paragraph text
      </label>
      <textarea lang={language} id={`paragraph-${paragraph.id}`} rows={Math.max(3, Math.ceil(draft.length / 90))} value={draft} autoFocus onChange={(event) => setDraft(event.target.value)} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void save(draft)}>
          Save paragraph
        </button>
        <button type="button" className="button button--small" onClick={() => setOpen(false)}>
          Cancel
        </button>
        {edited && (
          <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => void save(null)}>
            Restore original
          </button>
        )}
      </div>
    </div>
  );
}
