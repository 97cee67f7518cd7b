import { createQueueStore } from './create-queue-store'

/** The queue store of this window, on the bridge the preload (or the web host) gave it. */
export const useQueueStore = createQueueStore(() => window.api)
