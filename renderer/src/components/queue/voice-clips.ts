/**
 * Which bundled clips (resources/voice/<name>.wav) make up a call: "Mời công dân có số thứ tự A0123 đến quầy số
 * năm". The ticket's digits are read one by one so leading zeros are heard; the counter number is read as a
 * Vietnamese number (mười hai, hai mươi mốt, một trăm linh năm). A centre can replace any clip with a recording
 * of a person under the same name.
 */

export function digitClip(d: number): string {
  return `so-${d}`
}

/** Vietnamese reading of 1 … 999 as clip names. */
export function numberClips(n: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`not a counter number: ${n}`)
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  const out: string[] = hundreds > 0 ? [digitClip(hundreds), 'tram'] : []
  if (rest === 0) return out
  if (rest < 10) return hundreds > 0 ? [...out, 'linh', digitClip(rest)] : [digitClip(rest)]
  const tens = Math.floor(rest / 10)
  const unit = rest % 10
  out.push(...(tens === 1 ? ['muoi'] : [digitClip(tens), 'muoi-2']))
  // After a ten, 5 is "lăm"; after "mươi", 1 is "mốt".
  if (unit === 5) out.push('lam')
  else if (unit === 1 && tens > 1) out.push('mot-2')
  else if (unit > 0) out.push(digitClip(unit))
  return out
}

export function callClips(ticketCode: string, counterNumber: number, kind: 'called' | 'recalled'): string[] {
  const letter = ticketCode.charAt(0).toLowerCase()
  const digits = [...ticketCode.slice(1)].map((d) => digitClip(Number(d)))
  return [
    ...(kind === 'recalled' ? ['nhac-lai'] : []),
    'moi-cong-dan',
    `chu-${letter}`,
    ...digits,
    'den-quay-so',
    ...numberClips(counterNumber),
  ]
}
