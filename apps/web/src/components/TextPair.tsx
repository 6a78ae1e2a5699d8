/** The two texts of a pair side by side (stacked on narrow screens), readable when long. */
export function TextPair({ textA, textB, size = 'large' }: { textA: string; textB: string; size?: 'large' | 'small' }) {
  return (
    <div className={`pair pair-${size}`}>
      <section className="pair-text" aria-label="Text A">
        <span className="pair-tag">A</span>
        <p>{textA}</p>
      </section>
      <section className="pair-text" aria-label="Text B">
        <span className="pair-tag">B</span>
        <p>{textB}</p>
      </section>
    </div>
  );
}
