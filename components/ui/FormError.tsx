/** A sentence saying what went wrong, announced to screen readers as it appears. */
export function FormError({ message, className = 'font-medium text-red-700' }: { message: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={className}>
      {message}
    </p>
  );
}
