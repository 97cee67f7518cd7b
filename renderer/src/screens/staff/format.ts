/** "87,5 %" in Vietnamese, "87.5%" in English; a dash when there is nothing to count. */
export function percent(rate: number | null, language: string): string {
  if (rate === null) return '–'
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate)
}

export function dateTime(at: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at)
}

/** "23:30:05": a time of day as the centre reads it, whatever zone the screen's OS is set to. */
export function timeOfDay(at: number): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
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
