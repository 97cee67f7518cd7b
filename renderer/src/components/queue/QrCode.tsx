import QRCode from 'qrcode'
import { useMemo } from 'react'

/**
 * A QR code drawn as one SVG path from the module matrix: no canvas, no data URL, nothing for the CSP to allow.
 * It carries the ticket's uid, which the rating lookup accepts.
 */
export function QrCode({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const { path, count } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    let d = ''
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) {
        if (modules.get(row, col)) d += `M${col + 2} ${row + 2}h1v1h-1z`
      }
    }
    return { path: d, count: modules.size + 4 } // a quiet zone of two modules around it
  }, [text])
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      shapeRendering="crispEdges"
      data-qr={text}
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
