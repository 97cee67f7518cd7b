import { useTranslation } from 'react-i18next'

/**
 * "30 giây", "5 phút", "2 giờ": how old the data on a screen is, in words, or null when nothing was ever received.
 * The caller measures the age on one clock (see the banners), so a screen whose clock is off does not lie.
 */
export function useAgeText(ageMs: number | null): string | null {
  const { t } = useTranslation()
  if (ageMs === null) return null
  const seconds = Math.max(0, Math.round(ageMs / 1000))
  if (seconds < 60) return t('queue.seconds', { count: seconds })
  if (seconds < 3600) return t('queue.minutes', { count: Math.floor(seconds / 60) })
  return t('queue.hours', { count: Math.floor(seconds / 3600) })
}
