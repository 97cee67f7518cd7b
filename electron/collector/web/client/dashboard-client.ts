/**
 * The dashboard's only script of its own, served after Chart.js in /dashboard/assets/dashboard.js. It draws each
 * <canvas data-chart="id"> from the JSON island with that id; the table beside each chart carries the same figures,
 * so nothing is lost without script or without sight. It is a function typechecked here and sent as its source text
 * (`clientScript`), so no build step is needed for it, whichever way the collector runs (bundle, jiti, vitest).
 * The DOM types it uses are spelled out below: the collector's TypeScript project has no DOM library.
 */
interface ClientElement {
  dataset: Record<string, string | undefined>
  textContent: string | null
}
interface ClientDocument {
  getElementById(id: string): ClientElement | null
  querySelectorAll(selector: string): { forEach(fn: (element: ClientElement) => void): void }
  addEventListener(type: 'DOMContentLoaded', fn: () => void): void
}
type ChartConstructor = new (canvas: ClientElement, config: unknown) => unknown

interface TrendData {
  labels: string[]
  series: { label: string; data: (number | null)[] }[]
}

function dashboardClient(doc: ClientDocument, Chart: ChartConstructor | undefined): void {
  const colours = ['#0b5cad', '#b3261e', '#1e7b34', '#7a4fb0', '#a15c00', '#00707a', '#5f6368', '#c2185b']
  const draw = (canvas: ClientElement) => {
    const island = doc.getElementById(canvas.dataset.chart ?? '')
    if (island === null || Chart === undefined) return
    const data = JSON.parse(island.textContent ?? '{}') as TrendData
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: data.series.map((s, i) => ({
          label: s.label,
          data: s.data,
          borderColor: colours[i % colours.length],
          backgroundColor: colours[i % colours.length],
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: (v: number) => `${v} %` } } },
      },
    })
  }
  doc.addEventListener('DOMContentLoaded', () => doc.querySelectorAll('canvas[data-chart]').forEach(draw))
}

export function clientScript(): string {
  return `(${dashboardClient.toString()})(document, window.Chart);\n`
}
