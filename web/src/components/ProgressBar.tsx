/** A labelled progress bar (role=progressbar, aria-valuenow 0–100). */
export function ProgressBar({ label, value, text }: { label: string; value: number; text?: string }) {
  const now = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={now}
      aria-valuetext={text}
    >
      <div className="progress-fill" style={{ width: `${now}%` }} />
    </div>
  );
}
