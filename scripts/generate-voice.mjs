#!/usr/bin/env node
/**
 * Generates the queue-call voice clips in resources/voice/ with Debian's espeak-ng (`apt-get install espeak-ng`),
 * Vietnamese voice, from resources/voice/clips.json (file name → what it says). The clips are committed, so neither
 * CI nor a kiosk needs espeak-ng; run this again only to change a text. A centre may replace any clip with a
 * recording of a person under the same file name (clips.json is the script for the speaker).
 *
 *   node scripts/generate-voice.mjs [--voice vi] [--speed 140]
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { voice: { type: 'string', default: 'vi' }, speed: { type: 'string', default: '140' } },
})

const voiceDir = path.resolve(import.meta.dirname, '..', 'resources', 'voice')
/** @type {Record<string, string>} */
const clips = JSON.parse(fs.readFileSync(path.join(voiceDir, 'clips.json'), 'utf8'))
for (const [name, text] of Object.entries(clips)) {
  const file = path.join(voiceDir, `${name}.wav`)
  execFileSync('espeak-ng', ['-v', values.voice, '-s', values.speed, '-w', file, text.normalize('NFC')])
}
console.log(`${Object.keys(clips).length} clips written to ${voiceDir}`)
