/** Converts between string offsets and 1-based line/column, for error and lint positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Offset of a 0-based line and column, as the nunjucks lexer reports them. */
  offsetOf(line0: number, column0: number): number {
    return (this.starts[line0] ?? this.text.length) + column0;
  }

  /** 1-based line and column of an offset. */
  placeOf(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  lineText(line1: number): string {
    const start = this.starts[line1 - 1];
    if (start === undefined) return '';
    const next = this.starts[line1];
    return this.text.slice(start, next === undefined ? undefined : next - 1);
  }
}
