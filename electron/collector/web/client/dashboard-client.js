/* global document, Chart */
/**
 * The dashboard's only script, served from /dashboard/assets/dashboard.js after Chart.js (the same response). It
 * draws each <canvas data-chart="id"> from the JSON island with that id. The table beside each chart carries the
 * same figures, so nothing is lost without script or without sight.
 */
const COLOURS = ['#0b5cad', '#b3261e', '#1e7b34', '#7a4fb0', '#a15c00', '#00707a', '#5f6368', '#c2185b']

function draw(canvas) {
  const island = document.getElementById(canvas.dataset.chart)
  if (island === null) return
  const data = JSON.parse(island.textContent)
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        spanGaps: true,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
    },
  })
}

document.addEventListener('DOMContentLoaded', () => {
  if (typeof Chart === 'undefined') return
  document.querySelectorAll('canvas[data-chart]').forEach(draw)
})
