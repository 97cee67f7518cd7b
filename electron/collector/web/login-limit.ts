/**
 * Per-address login brake, in memory (each collector process keeps its own; the per-account lock in the database
 * is the shared one): at most `max` attempts per address in a sliding `windowMs`. It stops one machine from
 * trying many account names, which the per-account lock alone would not.
 */
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>()
  constructor(
    private readonly max = 10,
    private readonly windowMs = 60_000,
  ) {}

  /** Records an attempt; false when the address is over its limit (the attempt is then not counted). */
  allow(address: string, now: number): boolean {
    const recent = (this.attempts.get(address) ?? []).filter((t) => t > now - this.windowMs)
    if (recent.length >= this.max) {
      this.attempts.set(address, recent)
      return false
    }
    recent.push(now)
    this.attempts.set(address, recent)
    // Bound the memory an attacker can make us hold: forget the oldest addresses first.
    if (this.attempts.size > 10_000) this.attempts.delete(this.attempts.keys().next().value as string)
    return true
  }
}
