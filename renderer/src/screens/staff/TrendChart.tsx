import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'
import { Bar } from 'react-chartjs-2'
import { useTranslation } from 'react-i18next'
import type { MyRatings } from '../../../../shared/schemas/staff'
import { day } from './format'

// Register only what the bar chart uses: Chart.js tree-shakes the rest away.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend)

/** Ratings per day, satisfied stacked on the others. The table below it carries the same numbers for screen readers. */
export function TrendChart({ trend }: { trend: MyRatings['trend'] }) {
  const { t } = useTranslation()
  const labels = trend.map((d) => `${d.day.slice(8, 10)}/${d.day.slice(5, 7)}`)
  return (
    <figure className="trend">
      <div className="trend__canvas">
        <Bar
          role="img"
          aria-label={t('staff.trendLabel')}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false, // a kiosk PC is slow and the numbers matter more than motion
            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
            plugins: { legend: { position: 'bottom', labels: { font: { size: 16 } } } },
          }}
          data={{
            labels,
            datasets: [
              { label: t('staff.satisfied'), data: trend.map((d) => d.satisfied), backgroundColor: '#1f7a4d' },
              {
                label: t('staff.notSatisfied'),
                data: trend.map((d) => d.total - d.satisfied),
                backgroundColor: '#c8102e',
              },
            ],
          }}
        />
      </div>
      <figcaption className="visually-hidden">
        <table>
          <thead>
            <tr>
              <th>{t('staff.day')}</th>
              <th>{t('staff.total')}</th>
              <th>{t('staff.satisfied')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((d) => (
              <tr key={d.day}>
                <td>{day(d.day)}</td>
                <td>{d.total}</td>
                <td>{d.satisfied}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  )
}
