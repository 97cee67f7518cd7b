/**
 * A face for a satisfaction level: the mouth bends from a frown (least satisfied) to a broad smile, and the colour
 * runs from red to green, so the choice reads without reading. `position` is 0 for the least satisfied level and
 * 1 for the most.
 */
const colours = ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32']

export function Smiley({ position }: { position: number }) {
  const colour = colours[Math.round(position * (colours.length - 1))] ?? colours[2]
  const curve = (position - 0.5) * 36 // control point offset: negative frowns, positive smiles
  return (
    <svg className="smiley" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" fill={colour} />
      <circle cx="34" cy="40" r="7" fill="#fff" />
      <circle cx="66" cy="40" r="7" fill="#fff" />
      <path
        d={`M28 ${66 - curve / 3} Q50 ${66 + curve} 72 ${66 - curve / 3}`}
        fill="none"
        stroke="#fff"
        strokeWidth="7"
        strokeLinecap="round"
      />
    </svg>
  )
}
