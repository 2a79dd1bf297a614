/**
 * Said while a page's data is read again (after a save elsewhere, on returning to the window):
 * what is on screen stays, and this says a newer copy is coming.
 */
export function Updating({ updating }: { updating: boolean }) {
  return (
    <p className="updating" role="status" aria-live="polite">
      {updating ? 'Updating…' : ''}
    </p>
  );
}
