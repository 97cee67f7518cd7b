/** "87,5 %" in Vietnamese, "87.5%" in English; a dash when there is nothing to count. */
export function percent(rate: number | null, language: string): string {
  if (rate === null) return '–'
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate)
}

/** The centre's zone: every date and time staff read is the centre's, whatever zone the screen's OS is set to. */
const CENTRE_ZONE = 'Asia/Ho_Chi_Minh'

const dayParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: CENTRE_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})

/**
 * "31/12/2030": dd/mm/yyyy in both languages — the form Vietnamese offices write, and unambiguous in English too.
 * Built from parts, not a locale's short style ("31/12/30" in vi-VN, "12/31/2030" in en-US).
 */
export function date(at: number): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => dayParts.formatToParts(at).find((p) => p.type === type)?.value
  return `${part('day')}/${part('month')}/${part('year')}`
}

/** "31/12/2030 23:30": the centre's date and time of day (24 h), the same in both languages. */
export function dateTime(at: number): string {
  return `${date(at)} ${timeOfDay(at).slice(0, 5)}`
}

/** "2026-11-26" (a service day as core sends it) → "26/11/2026"; anything else is shown as it came. */
export function day(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay)
  return m === null ? isoDay : `${m[3]}/${m[2]}/${m[1]}`
}

/** "23:30:05": a time of day as the centre reads it, whatever zone the screen's OS is set to. */
export function timeOfDay(at: number): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: CENTRE_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at)
}

/** "0,18" in Vietnamese, "0.18" in English: megabytes with two decimals. */
export function megabytes(bytes: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(bytes / 1024 / 1024)
}
