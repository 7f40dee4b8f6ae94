// Cumulative layout shift of the page so far (shifts without recent input),
// as Chromium reports them; waits a moment for late shifts (fonts, scripts).
() => new Promise((resolve) => {
  let total = 0;
  const sources = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      for (const source of entry.sources || []) {
        const node = source.node;
        sources.push(`${entry.value.toFixed(3)} ${node ? (node.nodeName + "." + (node.className || "")) : "?"}`);
      }
    }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve({ cls: total, sources: sources.slice(0, 8) }), 1200);
})
