/**
 * Said while a page's data is read again (after a save elsewhere, on returning to the window):
 * what is on screen stays, and this says a newer copy is coming.
 */
export function Updating({ updating }: { updating: boolean }) {
  return (
    // Screen only: a printed or PDF letter must read the same whenever it is printed.
    <p className="updating no-print" role="status" aria-live="polite">
      {updating ? 'Updating…' : ''}
    </p>
  );
}
