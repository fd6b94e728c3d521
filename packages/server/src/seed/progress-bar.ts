/** A one-line terminal progress bar on stderr; prints plain lines when stderr is not a TTY. */
export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDraw = 0;
  let lastPlainPercent = -1;
  const fmt = new Intl.NumberFormat("en-US");
  return {
    update(done: number): void {
      const now = Date.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const fraction = total === 0 ? 1 : done / total;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const text = `${label} ${fmt.format(done)}/${fmt.format(total)} events · ${fmt.format(Math.round(rate))}/s`;
      if (stream.isTTY) {
        const width = 28;
        const filled = Math.round(fraction * width);
        stream.write(`\r${"█".repeat(filled)}${"░".repeat(width - filled)} ${Math.floor(fraction * 100)}% ${text}`);
      } else {
        const percent = Math.floor(fraction * 10) * 10;
        if (percent !== lastPlainPercent) {
          lastPlainPercent = percent;
          stream.write(`${percent}% ${text}\n`);
        }
      }
    },
    done(): void {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
